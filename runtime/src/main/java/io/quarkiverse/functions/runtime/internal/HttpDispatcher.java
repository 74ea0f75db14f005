package io.quarkiverse.functions.runtime.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.smallrye.mutiny.Uni;

/**
 * The HTTP semantics of functions, written once for every binding that receives HTTP: routes ({@code POST} and
 * {@code GET /<function>}, CloudEvents on {@code POST /}), the request id, the 4xx answers, and the encoding of an
 * {@link Outcome} as a response or a problem document.
 */
@Singleton
public class HttpDispatcher {

    public static final String REQUEST_ID = "X-Request-Id";
    /** Set on a reply that is the recorded outcome of an earlier request with the same {@code Idempotency-Key}. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final FunctionInvoker invoker;
    private final CloudEvents cloudEvents;

    HttpDispatcher(FunctionInvoker invoker, CloudEvents cloudEvents) {
        this.invoker = invoker;
        this.cloudEvents = cloudEvents;
    }

    public long maxInputSize() {
        return invoker.maxInputSize();
    }

    /**
     * @param request the request
     * @param platform the platform serving it
     * @param function the function every path invokes (an exported function), or {@code null} to route by path
     */
    public Uni<HttpReply> dispatch(HttpRequest request, Platform platform, String function) {
        return dispatch(request, platform, function, null);
    }

    /**
     * @param request the request
     * @param platform the platform serving it
     * @param function the function every path invokes (an exported function), or {@code null} to route by path
     * @param platformContext adds what the platform knows to each invocation (its deadline, a log context), or
     *        {@code null}
     */
    public Uni<HttpReply> dispatch(HttpRequest request, Platform platform, String function,
            Consumer<Invocation.Builder> platformContext) {
        String requestId = requestId(request.header("x-request-id"));
        String method = request.method();
        boolean post = "POST".equals(method);
        boolean get = "GET".equals(method);
        if (request.body() != null && request.body().length > invoker.maxInputSize()) {
            return reply(problem(requestId, Errors.payloadTooLarge(invoker.maxInputSize())));
        }
        if (function == null && request.path().isEmpty()) {
            if (!post) {
                return reply(methodNotAllowed(requestId, method, "POST"));
            }
            return cloudEvent(request, platform, requestId, null, platformContext);
        }
        if (!post && !get) {
            return reply(methodNotAllowed(requestId, method, "GET, POST"));
        }
        String name = function != null ? function : request.path();
        FunctionInput input = post ? FunctionInput.payload(request.body(), request.header("content-type"))
                : FunctionInput.query(queryToJson(request.query()));
        return invoke(request, platform, requestId, name, input, null, false, platformContext);
    }

    /**
     * The answer for a body larger than the limit, for bindings that stop reading early.
     */
    public HttpReply payloadTooLarge(String requestIdHeader) {
        return problem(requestId(requestIdHeader), Errors.payloadTooLarge(invoker.maxInputSize()));
    }

    /**
     * Handles a request that is a CloudEvent (binary or structured mode): routed by type, or to {@code function}.
     */
    public Uni<HttpReply> dispatchCloudEvent(HttpRequest request, Platform platform, String function) {
        String requestId = requestId(request.header("x-request-id"));
        if (request.body() != null && request.body().length > invoker.maxInputSize()) {
            return reply(problem(requestId, Errors.payloadTooLarge(invoker.maxInputSize())));
        }
        return cloudEvent(request, platform, requestId, function, null);
    }

    private Uni<HttpReply> cloudEvent(HttpRequest request, Platform platform, String requestId, String function,
            Consumer<Invocation.Builder> platformContext) {
        Map<String, String> headers = request.headers();
        if (!CloudEvents.isCloudEvent(headers)) {
            return reply(problem(requestId, Errors.invalidCloudEvent("send ce-* headers (binary mode) or Content-Type "
                    + CloudEvents.STRUCTURED_CONTENT_TYPE + " (structured mode); functions are at POST /<function>.")));
        }
        CloudEvent event;
        try {
            event = cloudEvents.parse(headers, request.body() == null ? new byte[0] : request.body());
        } catch (InvalidCloudEventException e) {
            return reply(problem(requestId, Errors.invalidCloudEvent(e.getMessage())));
        }
        String name = function != null ? function : cloudEvents.route(event.getType());
        if (name == null) {
            return reply(problem(requestId, FunctionError.client(404, Errors.FUNCTION_NOT_FOUND, Errors.title(404),
                    "No function serves CloudEvent type '" + Errors.printable(event.getType()) + "'.")));
        }
        boolean structured = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
                .startsWith(CloudEvents.STRUCTURED_CONTENT_TYPE);
        return invoke(request, platform, requestId, name, CloudEvents.input(event, structured), event, structured,
                platformContext);
    }

    private Uni<HttpReply> invoke(HttpRequest request, Platform platform, String requestId, String function,
            FunctionInput input, CloudEvent event, boolean structured, Consumer<Invocation.Builder> platformContext) {
        Invocation.Builder invocation = Invocation.builder(platform, function, requestId)
                .input(input)
                .traceId(TraceIds.fromHeaders(request::header))
                .trigger(event == null ? Trigger.HTTP : Trigger.ofCloudEventType(event.getType()))
                .traceHeaders(request.headers())
                .producerTraceHeaders(TraceIds.ofEvent(event))
                .deliveryId(event != null ? CloudEvents.deliveryId(event) : idempotencyKey(request.header("idempotency-key")))
                .rawEvent(withEvent(event, request.raw()));
        if (platformContext != null) {
            platformContext.accept(invocation);
        }
        return invoker.invoke(invocation.build()).onItem().transform(outcome -> encode(outcome, event != null, structured));
    }

    /**
     * The {@code Idempotency-Key} header (IETF httpapi draft): a structured-field string, {@code "…"}, or, as many
     * clients send it, the bare token.
     */
    public static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (key.length() >= 2 && key.charAt(0) == '"' && key.charAt(key.length() - 1) == '"') {
            key = key.substring(1, key.length() - 1);
        }
        return key.isEmpty() ? null : key;
    }

    private static Object[] withEvent(CloudEvent event, Object[] raw) {
        if (event == null) {
            return raw;
        }
        Object[] all = new Object[raw.length + 1];
        all[0] = event;
        System.arraycopy(raw, 0, all, 1, raw.length);
        return all;
    }

    /**
     * Encodes an outcome as the HTTP binding does: 200 with the result (JSON, text for a {@code String}, bytes for a
     * {@code byte[]}), 204 without result, a problem document otherwise.
     */
    public HttpReply encode(Outcome outcome, boolean cloudEvent, boolean structured) {
        if (!outcome.isSuccess()) {
            HttpReply problem = problem(outcome.requestId(), outcome.error());
            if (outcome.isReplayed()) {
                problem.headers().put(IDEMPOTENT_REPLAYED, "true");
            }
            return problem;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, outcome.requestId());
        if (outcome.isReplayed()) {
            headers.put(IDEMPOTENT_REPLAYED, "true");
        }
        byte[] body = outcome.body();
        if (body == null) {
            return new HttpReply(204, headers, null);
        }
        if (!cloudEvent) {
            headers.put("Content-Type", outcome.payloadType().mediaType);
            return new HttpReply(200, headers, body);
        }
        CloudEvent reply = cloudEvents.reply(outcome.functionName(), body, outcome.payloadType());
        if (structured) {
            headers.put("Content-Type", CloudEvents.STRUCTURED_CONTENT_TYPE);
            return new HttpReply(200, headers, cloudEvents.writeStructured(reply, outcome.payloadType()));
        }
        byte[] data = CloudEvents.writeBinary(reply, headers::put);
        return new HttpReply(200, headers, data);
    }

    /**
     * A problem document with the status of the error table, {@code Retry-After} on 503 and on any other error that
     * says when to retry (a {@code 409} for an idempotency key still in progress), and the request id.
     */
    public static HttpReply problem(String requestId, FunctionError error) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, requestId);
        headers.put("Content-Type", Problems.CONTENT_TYPE);
        if (error.status() == 503 || error.retryAfter() != null) {
            long seconds = Problems.retryAfterSeconds(error);
            headers.put("Retry-After", Long.toString(seconds > 0 ? seconds : 1));
        }
        return new HttpReply(error.status(), headers, Problems.toJson(error, requestId));
    }

    private static HttpReply methodNotAllowed(String requestId, String method, String allowed) {
        HttpReply reply = problem(requestId, Errors.methodNotAllowed(method, allowed));
        reply.headers().put("Allow", allowed);
        return reply;
    }

    private static Uni<HttpReply> reply(HttpReply reply) {
        return Uni.createFrom().item(reply);
    }

    /**
     * Query parameters as the function's JSON input: {@code ?name=Ada&tags=a&tags=b&address.city=Paris} gives
     * {@code {"name":"Ada","tags":["a","b"],"address":{"city":"Paris"}}}. Jackson then coerces the strings to the
     * input's field types, as for a JSON body.
     */
    public static JsonNode queryToJson(Map<String, List<String>> query) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (query == null) {
            return root;
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            List<String> values = parameter.getValue();
            ObjectNode parent = root;
            String[] segments = parameter.getKey().split("\\.");
            for (int i = 0; i < segments.length - 1; i++) {
                JsonNode child = parent.get(segments[i]);
                parent = child instanceof ObjectNode object ? object : parent.putObject(segments[i]);
            }
            String leaf = segments[segments.length - 1];
            if (values.size() == 1) {
                parent.put(leaf, values.get(0));
            } else {
                ArrayNode array = parent.putArray(leaf);
                for (String value : values) {
                    array.add(value);
                }
            }
        }
        return root;
    }

    /**
     * Uses the caller's request id when it is a sane token, so that it can be logged and echoed safely.
     */
    public static String requestId(String given) {
        if (given != null && !given.isEmpty() && given.length() <= 128) {
            boolean sane = true;
            for (int i = 0; i < given.length() && sane; i++) {
                char c = given.charAt(i);
                sane = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                        || c == '.' || c == ':';
            }
            if (sane) {
                return given;
            }
        }
        return RandomIds.next();
    }
}
