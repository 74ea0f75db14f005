package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.PayloadType;

/**
 * Reads a function's input: JSON with its prepared reader, text for a {@code String}, bytes for a {@code byte[]}; and
 * turns every way it can fail into a client error that names the position or the JSON path, never a Java class.
 */
final class InputDecoder {

    /** Created on the first {@code String} input declared JSON, not when the invoker starts. */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    private InputDecoder() {
    }

    static Object decode(FunctionDefinition definition, FunctionInput input) {
        if (input.isEmpty()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        if (definition.inputType != PayloadType.JSON) {
            return definition.inputType == PayloadType.TEXT ? text(input) : bytes(input);
        }
        Object value;
        try {
            byte[] payload = input.bytes();
            if (payload != null) {
                if (!MediaTypes.readableAsJson(input.mediaType())) {
                    throw new InputRejectedException(FunctionError.client(415, Errors.UNSUPPORTED_MEDIA_TYPE,
                            Errors.title(415), "Function '" + definition.name + "' takes JSON, not "
                                    + Errors.printable(MediaTypes.essence(input.mediaType())) + "."));
                }
                value = readOneDocument(definition, payload);
            } else {
                value = (input.isQuery() ? definition.queryReader : definition.reader).readValue(input.jsonTree());
            }
        } catch (StreamReadException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON, Errors.title(400),
                    "The input is not valid JSON" + location(e) + "."));
        } catch (DatabindException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    describeMismatch(e)));
        } catch (IOException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    "The input could not be read."));
        }
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        return value;
    }

    /**
     * Reads one JSON document and fails on anything but whitespace after it, so that a gateway and the function can
     * never read different inputs ({@code {"a":1} {"a":2}} is malformed, not the first object).
     */
    private static Object readOneDocument(FunctionDefinition definition, byte[] payload) throws IOException {
        try (JsonParser parser = definition.reader.createParser(payload)) {
            Object value = definition.reader.readValue(parser);
            if (parser.nextToken() != null) {
                throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON, Errors.title(400),
                        "The input has content after its JSON document" + location(parser) + "."));
            }
            return value;
        }
    }

    private static String location(JsonParser parser) {
        JsonLocation at = parser.currentTokenLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * A {@code String} input takes the payload's text as is, decoded with the charset its media type names (UTF-8 by
     * default); only a payload declared JSON whose document is a JSON string is unquoted, so that {@code "Ada"} sent
     * as JSON gives {@code Ada}. Text that is not valid in its charset is rejected rather than altered.
     */
    private static String text(FunctionInput input) {
        if (input.bytes() == null) {
            JsonNode tree = input.jsonTree();
            return tree.isTextual() ? tree.textValue() : tree.toString();
        }
        Charset charset = MediaTypes.charset(input.mediaType());
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input.bytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    "The input is not valid " + charset.name() + " text."));
        }
        if (MediaTypes.declaresJson(input.mediaType()) && text.length() >= 2 && text.trim().startsWith("\"")) {
            try (JsonParser parser = Json.FACTORY.createParser(text)) {
                if (parser.nextToken() == JsonToken.VALUE_STRING) {
                    String value = parser.getText();
                    if (parser.nextToken() != null) {
                        throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON,
                                Errors.title(400), "The input is declared JSON and has content after its document."));
                    }
                    return value;
                }
            } catch (IOException e) {
                throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON, Errors.title(400),
                        "The input is declared JSON and is not valid JSON" + location(e) + "."));
            }
        }
        return text;
    }

    /**
     * A {@code byte[]} input takes the payload's bytes as is, whatever its media type; a JSON tree (query parameters,
     * a record built by the binding) as its JSON text.
     */
    private static byte[] bytes(FunctionInput input) {
        if (input.bytes() != null) {
            return input.bytes();
        }
        return input.jsonTree().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String location(IOException e) {
        return e instanceof JsonProcessingException processing ? location(processing) : "";
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /**
     * Names the offending field by its JSON path; Jackson's own message names Java classes, which must not leak.
     */
    static String describeMismatch(DatabindException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(Errors.printable(reference.getFieldName()));
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        if (path.length() == 0) {
            return "The input does not have the shape the function expects.";
        }
        return "Field '" + path + "' has a value of the wrong type or format.";
    }
}
