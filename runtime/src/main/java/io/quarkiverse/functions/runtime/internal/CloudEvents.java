package io.quarkiverse.functions.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.rw.CloudEventRWException.CloudEventRWExceptionKind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.PayloadType;

/**
 * CloudEvents 1.0 over HTTP, shared by every binding that receives events over HTTP: parsing (binary and structured
 * mode, with the CloudEvents Java SDK), routing by {@code type}, and the reply event.
 */
@Singleton
public class CloudEvents {

    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private final Map<String, String> functionByType;
    private final FunctionCatalog catalog;

    CloudEvents(FunctionCatalog catalog, FunctionsRuntimeConfig config) {
        this.catalog = catalog;
        Map<String, String> byType = new HashMap<>();
        for (Map.Entry<String, FunctionsRuntimeConfig.FunctionConfig> entry : config.function().entrySet()) {
            for (String type : entry.getValue().eventTypes().orElse(List.of())) {
                String previous = byType.put(type, entry.getKey());
                if (previous != null && !previous.equals(entry.getKey())) {
                    throw new IllegalStateException("CloudEvent type '" + type + "' is mapped to two functions, '" + previous
                            + "' and '" + entry.getKey() + "': fix quarkus.functions.\"<name>\".event-types");
                }
            }
        }
        this.functionByType = Map.copyOf(byType);
    }

    /**
     * The SDK's JSON format, resolved on the first structured reply rather than when this bean is created: resolving
     * it scans the class path with a {@code ServiceLoader} and loads the SDK, which a Lambda or HTTP application that
     * never sees a CloudEvent should not pay for at start-up.
     */
    private static final class JsonEventFormat {
        static final EventFormat INSTANCE = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    }

    /** The JSON format writing non-JSON data as a string (the SDK's default is {@code data_base64}). */
    private static final class TextEventFormat {
        static final EventFormat INSTANCE = new JsonFormat(false, true);
    }

    /**
     * The invalid CloudEvent, with a detail safe to send.
     */
    public static final class InvalidCloudEventException extends RuntimeException {
        public InvalidCloudEventException(String detail) {
            super(detail, null, false, false);
        }
    }

    /**
     * @param headers the request headers, keys in lower case
     * @return whether the request claims to be a CloudEvent (binary, structured or batch mode)
     */
    public static boolean isCloudEvent(Map<String, String> headers) {
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        return headers.containsKey("ce-specversion") || contentType.startsWith("application/cloudevents");
    }

    /**
     * Parses a CloudEvent from an HTTP request.
     *
     * @param headers the request headers, keys in lower case
     * @throws InvalidCloudEventException when it is not a valid CloudEvent 1.0
     */
    public CloudEvent parse(Map<String, String> headers, byte[] body) {
        String contentType = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        if (contentType.startsWith(BATCH_CONTENT_TYPE)) {
            throw new InvalidCloudEventException("batch mode is not supported here; send one event per request.");
        }
        Map<String, String> decoded = new HashMap<>();
        boolean structured = contentType.startsWith(STRUCTURED_CONTENT_TYPE);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (name.startsWith("ce-")) {
                decoded.put(name, percentDecode(name, header.getValue()));
            } else {
                decoded.put(name, header.getValue());
            }
        }
        if (!structured) {
            if (!decoded.containsKey("ce-specversion")) {
                throw new InvalidCloudEventException(
                        "neither the ce-specversion header (binary mode) nor Content-Type " + STRUCTURED_CONTENT_TYPE
                                + " (structured mode) is present.");
            }
            CloudEventRules.checkBinary(decoded);
        } else {
            CloudEventRules.checkStructured(body);
        }
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(decoded, body).toEvent();
        } catch (CloudEventRWException e) {
            throw new InvalidCloudEventException(describe(e));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The SDK reports a missing attribute as "Attribute 'id' cannot be null": no class names, safe to send.
            throw new InvalidCloudEventException(Errors.printable(e.getMessage()) + ".");
        } catch (RuntimeException e) {
            // The JSON format wraps the SDK's exception. Under Google's Functions Framework the CloudEvents API
            // classes (SpecVersion...) come from the framework's class loader, and so does the exception they throw,
            // which the catch above does not match: find it by name.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getClass().getName().equals(CloudEventRWException.class.getName())) {
                    throw new InvalidCloudEventException(describeForeign(cause));
                }
                // The JSON format reports an unknown specversion by message only.
                if (cause instanceof MismatchedInputException mismatch
                        && String.valueOf(mismatch.getOriginalMessage()).startsWith("Invalid specversion")) {
                    throw new InvalidCloudEventException(describe(CloudEventRWExceptionKind.INVALID_SPEC_VERSION));
                }
            }
            // in structured mode the rules passed, so the JSON is well-formed: what the SDK could not read is the data
            throw new InvalidCloudEventException(structured ? "the event's data could not be read: 'data' must be a "
                    + "JSON string when datacontenttype is not JSON, and 'data_base64' a base64 string."
                    : CloudEventRules.NOT_JSON);
        }
        if (event.getSource() == null || event.getType() == null || event.getId() == null || event.getId().isEmpty()) {
            throw new InvalidCloudEventException("a required attribute (id, source, type) is missing.");
        }
        return event;
    }

    private static String describe(CloudEventRWException e) {
        return describe(e.getKind());
    }

    /** Describes a CloudEventRWException, whichever class loader defined its class. */
    private static String describeForeign(Throwable e) {
        try {
            Object kind = e.getClass().getMethod("getKind").invoke(e);
            return describe(CloudEventRWExceptionKind.valueOf(((Enum<?>) kind).name()));
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            return "the event could not be read.";
        }
    }

    private static String describe(CloudEventRWExceptionKind kind) {
        switch (kind) {
            case INVALID_SPEC_VERSION:
                return "the specversion is not one this server knows (use 1.0).";
            case UNKNOWN_ENCODING:
                return "neither the ce-specversion header (binary mode) nor Content-Type " + STRUCTURED_CONTENT_TYPE
                        + " (structured mode) is present.";
            case INVALID_ATTRIBUTE_NAME:
                return "an attribute name is not valid.";
            case INVALID_ATTRIBUTE_TYPE:
            case INVALID_ATTRIBUTE_VALUE:
                return "an attribute has an invalid value.";
            case INVALID_EXTENSION_NAME:
                return "an extension attribute has an invalid name.";
            default:
                return "the event could not be read.";
        }
    }

    /**
     * Percent-decodes a header value as the CloudEvents HTTP binding requires (UTF-8), after undoing its double-quoted
     * strings.
     */
    static String percentDecode(String header, String value) {
        if (value.indexOf('"') >= 0) {
            value = CloudEventValues.unquote(value);
            if (value == null) {
                throw new InvalidCloudEventException(
                        "header " + Errors.printable(header) + " has an unclosed double-quoted string.");
            }
        }
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw invalidEncoding(header);
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw invalidEncoding(header);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalidEncoding(header);
        }
    }

    private static InvalidCloudEventException invalidEncoding(String header) {
        return new InvalidCloudEventException("header " + Errors.printable(header) + " has an invalid percent-encoding.");
    }

    /**
     * @return the CloudEvent types routed to a function: those mapped by {@code event-types}, and its own name unless
     *         that is mapped to another function
     */
    public List<String> eventTypes(String function) {
        List<String> types = new ArrayList<>();
        functionByType.forEach((type, target) -> {
            if (target.equals(function)) {
                types.add(type);
            }
        });
        if (!functionByType.containsKey(function)) {
            types.add(function);
        }
        types.sort(null);
        return types;
    }

    /**
     * @return the function that serves events of this type, or {@code null}
     */
    public String route(String type) {
        String mapped = functionByType.get(type);
        if (mapped != null) {
            return mapped;
        }
        return catalog.get(type) != null ? type : null;
    }

    /**
     * @return the event's identity per CloudEvents 1.0 ({@code source} and {@code id} are unique together, and the
     *         same on every redelivery): the key of an idempotent function
     */
    public static String deliveryId(CloudEvent event) {
        return event.getSource() + " " + event.getId();
    }

    /**
     * @param structured whether the event came in structured mode, where data without {@code datacontenttype} is JSON
     *        (JSON event format, section 3.1)
     * @return the event's data as the function's input, with its {@code datacontenttype}, or none
     */
    public static FunctionInput input(CloudEvent event, boolean structured) {
        if (event.getData() == null) {
            return FunctionInput.none();
        }
        String mediaType = event.getDataContentType();
        if (mediaType == null && structured) {
            mediaType = FunctionInput.JSON;
        }
        return FunctionInput.payload(event.getData().toBytes(), mediaType);
    }

    /**
     * The reply event: type {@code <function>.output}, source {@code <function>}, as Funqy's Knative binding does;
     * its {@code datacontenttype} says whether the data is JSON, text or bytes.
     */
    public CloudEvent reply(String function, byte[] body, PayloadType payloadType) {
        return CloudEventBuilder.v1()
                .withId(RandomIds.next())
                .withSource(URI.create(function))
                .withType(function + ".output")
                .withDataContentType(payloadType.mediaType)
                .withData(body)
                .build();
    }

    /**
     * Writes an event in binary mode: {@code ce-*} headers and the data as body.
     */
    public static byte[] writeBinary(CloudEvent event, BiConsumer<String, String> headers) {
        byte[][] body = new byte[1][];
        HttpMessageFactory.createWriter(headers, bytes -> body[0] = bytes).writeBinary(event);
        return body[0] == null ? new byte[0] : body[0];
    }

    /**
     * Writes an event in structured mode, as {@value #STRUCTURED_CONTENT_TYPE}: JSON data as JSON, text data as a
     * string in {@code data}, bytes in {@code data_base64}.
     */
    public byte[] writeStructured(CloudEvent event, PayloadType payloadType) {
        return (payloadType == PayloadType.TEXT ? TextEventFormat.INSTANCE : JsonEventFormat.INSTANCE).serialize(event);
    }
}
