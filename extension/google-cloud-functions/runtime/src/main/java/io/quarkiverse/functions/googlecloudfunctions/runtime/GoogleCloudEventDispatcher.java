package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.logging.NDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.googlecloudfunctions.runtime.GoogleCloudFunctionsRuntimeConfig.ClientErrorPolicy;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.CloudEventRules;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.Mdc;
import io.quarkiverse.functions.runtime.internal.TraceIds;

/**
 * Event functions on Google Cloud: turns an event delivery (a CloudEvent in binary or structured mode, or a legacy
 * background event) into an invocation, and its outcome into the status that makes Eventarc and Pub/Sub do the right
 * thing: {@code 2xx} acknowledges, {@code 5xx} asks for a retry, and an event that can never succeed is not retried.
 */
@Singleton
public class GoogleCloudEventDispatcher {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.googlecloudfunctions");

    private final FunctionInvoker invoker;
    private final CloudEvents cloudEvents;
    private final HttpDispatcher http;
    private final GoogleCloudPlatform platform;
    private final ObjectMapper mapper;
    private final ClientErrorPolicy clientErrors;
    private final String function;

    GoogleCloudEventDispatcher(FunctionInvoker invoker, CloudEvents cloudEvents, HttpDispatcher http,
            GoogleCloudPlatform platform, ObjectMapper mapper, GoogleCloudFunctionsRuntimeConfig config) {
        this.invoker = invoker;
        this.cloudEvents = cloudEvents;
        this.http = http;
        this.platform = platform;
        this.mapper = mapper;
        this.clientErrors = config.eventClientErrors();
        this.function = invoker.exportedFunction();
    }

    public long maxInputSize() {
        return invoker.maxInputSize();
    }

    /**
     * Handles an event delivered over HTTP.
     *
     * @param headers the request headers, names in lower case
     * @param body the body, or {@code null}
     * @param received when the request arrived
     */
    public HttpReply dispatch(Map<String, String> headers, byte[] body, Instant received) {
        return dispatch(headers, body, received, null);
    }

    /**
     * Handles an event delivered over HTTP to one given function, as a deployment that exports it would.
     *
     * @param headers the request headers, names in lower case
     * @param body the body, or {@code null}
     * @param received when the request arrived
     * @param function the function to invoke, or {@code null} for the exported one, else the one its type routes to
     */
    public HttpReply dispatch(Map<String, String> headers, byte[] body, Instant received, String function) {
        String requestId = platform.requestId(headers);
        CloudEvent event;
        boolean structured = false;
        try {
            if (CloudEvents.isCloudEvent(headers)) {
                event = cloudEvents.parse(headers, body == null ? new byte[0] : body);
                structured = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
                        .startsWith(CloudEvents.STRUCTURED_CONTENT_TYPE);
            } else {
                event = LegacyEvents.toCloudEvent(body, mapper);
            }
        } catch (InvalidCloudEventException e) {
            return HttpDispatcher.problem(requestId, Errors.invalidCloudEvent(e.getMessage()));
        }
        String name = function != null ? function : route(event);
        if (name == null) {
            return HttpDispatcher.problem(requestId, noFunctionFor(event));
        }
        String traceId = TraceIds.fromHeaders(header -> headers.getOrDefault(header, extension(event, header)));
        Invocation.Builder invocation = Invocation.builder(Platform.GOOGLE_CLOUD_FUNCTIONS, name, requestId)
                .traceId(traceId)
                .trigger(Trigger.ofCloudEventType(event.getType()))
                .deliveryId(CloudEvents.deliveryId(event))
                .traceHeaders(headers)
                .rawEvent(event);
        try {
            input(event, structured, invocation);
        } catch (InvalidCloudEventException e) {
            return HttpDispatcher.problem(requestId, Errors.invalidCloudEvent(e.getMessage()));
        }
        platform.addTo(invocation, received);
        Outcome outcome = invoker.invokeHere(invocation.build());
        if (outcome.isSuccess()) {
            return http.encode(outcome, true, structured);
        }
        FunctionError error = outcome.error();
        if (error.kind() == FunctionError.Kind.CLIENT && clientErrors == ClientErrorPolicy.ACKNOWLEDGE) {
            logPoison(event, outcome, traceId);
            Map<String, String> replyHeaders = new LinkedHashMap<>();
            replyHeaders.put(HttpDispatcher.REQUEST_ID, requestId);
            return new HttpReply(204, replyHeaders, null);
        }
        return HttpDispatcher.problem(requestId, error);
    }

    /**
     * Handles an event that the Functions Framework decoded itself (signature type {@code cloudevent}). The
     * framework answers {@code 200} when this returns and {@code 500} when it throws: a client error is therefore
     * always acknowledged, whatever {@code event-client-errors} says.
     *
     * @throws EventFailedException when the function failed in a way worth a retry
     */
    public void accept(CloudEvent event) {
        String requestId = HttpDispatcher.requestId(event.getId());
        try {
            CloudEventRules.check(event);
        } catch (InvalidCloudEventException e) {
            // the framework can only answer 200 or 500: an event that breaks the rules is acknowledged, as poison
            logPoison(event, Outcome.failure(requestId, null, Errors.invalidCloudEvent(e.getMessage())), null);
            return;
        }
        String name = route(event);
        if (name == null) {
            FunctionError error = noFunctionFor(event);
            throw new EventFailedException(error.detail() + " Request id " + requestId + ".");
        }
        String traceId = TraceIds.fromHeaders(header -> extension(event, header));
        Invocation.Builder invocation = Invocation.builder(Platform.GOOGLE_CLOUD_FUNCTIONS, name, requestId)
                .traceId(traceId)
                .trigger(Trigger.ofCloudEventType(event.getType()))
                .deliveryId(CloudEvents.deliveryId(event))
                .rawEvent(event);
        try {
            input(event, false, invocation);
        } catch (InvalidCloudEventException e) {
            logPoison(event, Outcome.failure(requestId, name, Errors.invalidCloudEvent(e.getMessage())), null);
            return;
        }
        platform.addTo(invocation, Instant.now());
        Outcome outcome = invoker.invokeHere(invocation.build());
        if (outcome.isSuccess()) {
            return;
        }
        FunctionError error = outcome.error();
        if (error.kind() == FunctionError.Kind.CLIENT) {
            logPoison(event, outcome, traceId);
            return;
        }
        throw new EventFailedException("Function '" + name + "' failed with " + error.status() + " " + error.code()
                + ": " + error.detail() + " Request id " + requestId + ".");
    }

    private String route(CloudEvent event) {
        return function != null ? function : cloudEvents.route(event.getType());
    }

    private static FunctionError noFunctionFor(CloudEvent event) {
        return FunctionError.client(404, Errors.FUNCTION_NOT_FOUND, Errors.title(404),
                "No function serves CloudEvent type '" + Errors.printable(event.getType())
                        + "'. Map it with quarkus.functions.\"<function>\".event-types, or export one function.");
    }

    /**
     * Sets the invocation's input: the published message for Pub/Sub (so that a function takes what was published, as
     * over HTTP), the event's data otherwise, with its {@code datacontenttype} (JSON when a structured event declares
     * none). And its producer's trace context: the event's {@code traceparent}, or for Pub/Sub the
     * message's attributes (what Google's client libraries set, {@code googclient_traceparent}, or a
     * {@code traceparent}).
     */
    private void input(CloudEvent event, boolean structured, Invocation.Builder invocation) {
        Map<String, String> producer = TraceIds.ofEvent(event);
        JsonNode message = pubSubMessage(event);
        if (producer == null && message != null) {
            JsonNode attributes = message.path("attributes");
            JsonNode traceparent = attributes.has("googclient_traceparent") ? attributes.get("googclient_traceparent")
                    : attributes.path("traceparent");
            producer = traceparent.isTextual() ? Map.of("traceparent", traceparent.asText()) : null;
        }
        invocation.producerTraceHeaders(producer);
        invocation.input(message != null ? input(message) : CloudEvents.input(event, structured));
    }

    /**
     * @return the Pub/Sub message of a {@code messagePublished} event, or {@code null} for other events
     */
    private JsonNode pubSubMessage(CloudEvent event) {
        if (!LegacyEvents.PUBSUB_PUBLISHED.equals(event.getType()) || event.getData() == null) {
            return null;
        }
        JsonNode message;
        try {
            message = mapper.readTree(event.getData().toBytes()).path("message");
        } catch (IOException e) {
            throw new InvalidCloudEventException("the Pub/Sub event's data is not JSON.");
        }
        return message;
    }

    private static FunctionInput input(JsonNode message) {
        JsonNode data = message.get("data");
        if (data == null || data.isNull()) {
            return FunctionInput.none();
        }
        if (!data.isTextual()) {
            throw new InvalidCloudEventException("the Pub/Sub message's data is not a base64 string.");
        }
        try {
            // a Pub/Sub message declares no media type: JSON, text or bytes as the function's input type reads it
            return FunctionInput.payload(Base64.getDecoder().decode(data.asText()), null);
        } catch (IllegalArgumentException e) {
            throw new InvalidCloudEventException("the Pub/Sub message's data is not valid base64.");
        }
    }

    /**
     * A CloudEvent extension read like a header: {@code traceparent} from the Distributed Tracing extension.
     */
    private static String extension(CloudEvent event, String header) {
        if (!"traceparent".equals(header)) {
            return null;
        }
        Object value = event.getExtension("traceparent");
        return value == null ? null : value.toString();
    }

    private void logPoison(CloudEvent event, Outcome outcome, String traceId) {
        FunctionError error = outcome.error();
        String logContext = platform.cloudLoggingTrace(traceId);
        MDC.put(Mdc.REQUEST_ID, outcome.requestId());
        MDC.put(Mdc.PLATFORM, Platform.GOOGLE_CLOUD_FUNCTIONS.name().toLowerCase(Locale.ROOT));
        if (outcome.functionName() != null) {
            MDC.put(Mdc.FUNCTION, outcome.functionName());
        }
        if (traceId != null) {
            MDC.put(Mdc.TRACE_ID, traceId);
        }
        if (logContext != null) {
            NDC.push(logContext);
        }
        try {
            LOG.warnf("Poison event acknowledged, it will not be retried: CloudEvent %s of type %s was rejected with %d %s: %s",
                    Errors.printable(event.getId()), Errors.printable(event.getType()), error.status(), error.code(),
                    error.detailWithViolations());
        } finally {
            MDC.remove(Mdc.REQUEST_ID);
            MDC.remove(Mdc.PLATFORM);
            MDC.remove(Mdc.FUNCTION);
            MDC.remove(Mdc.TRACE_ID);
            if (logContext != null) {
                NDC.clear();
            }
        }
    }

    /**
     * A failed event for the Functions Framework, which answers it {@code 500} and logs it. Its message is safe to log
     * and it has no stack trace: the function's failure is logged, with its own, by the invoker.
     */
    static final class EventFailedException extends RuntimeException {
        EventFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
