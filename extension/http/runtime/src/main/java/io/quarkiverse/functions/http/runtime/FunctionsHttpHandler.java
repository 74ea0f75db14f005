package io.quarkiverse.functions.http.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

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
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.Problems;
import io.quarkiverse.functions.runtime.internal.TraceIds;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP binding: translates a request into an {@link Invocation} and an {@link Outcome} into a response. All
 * semantics (context, deadline, errors) are the invoker's.
 * <p>
 * A plain Vert.x route rather than a JAX-RS resource: it reads the body itself so that an oversized request is
 * answered {@code 413} as a problem document, and it adds no REST layer to start-up.
 */
final class FunctionsHttpHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");
    private static final String REQUEST_ID = "X-Request-Id";
    private static final String JSON = "application/json";
    /** Beyond this many bytes over the limit, stop draining an oversized body and close the connection. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final FunctionInvoker invoker;
    private final CloudEvents cloudEvents;
    private final String rootPath;
    private final String frameworkPath;
    private final long maxInputSize;

    /**
     * @param frameworkPath Quarkus's non-application root ({@code /q/}): health and dev endpoints, passed on
     */
    FunctionsHttpHandler(FunctionInvoker invoker, CloudEvents cloudEvents, String rootPath, String frameworkPath) {
        this.invoker = invoker;
        this.cloudEvents = cloudEvents;
        this.rootPath = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        this.frameworkPath = frameworkPath.endsWith("/") ? frameworkPath : frameworkPath + "/";
        this.maxInputSize = invoker.maxInputSize();
    }

    @Override
    public void handle(RoutingContext routing) {
        String path = routing.normalizedPath();
        if (path.startsWith(frameworkPath)) {
            routing.next();
            return;
        }
        HttpServerRequest request = routing.request();
        String requestId = requestId(request.getHeader(REQUEST_ID));
        routing.response().putHeader(REQUEST_ID, requestId);

        String name = path.startsWith(rootPath) ? path.substring(rootPath.length()) : path;
        HttpMethod method = request.method();

        if (name.isEmpty()) {
            if (method == HttpMethod.POST) {
                readBody(routing, requestId, body -> onCloudEvent(routing, requestId, body));
            } else {
                drainThen(routing, () -> problem(routing.response(), requestId,
                        Errors.methodNotAllowed(method.name(), "POST with a CloudEvent")), "POST");
            }
            return;
        }
        if (method == HttpMethod.POST) {
            readBody(routing, requestId, body -> invoke(routing, requestId, name, FunctionInput.json(body), null, false));
        } else if (method == HttpMethod.GET) {
            invoke(routing, requestId, name, FunctionInput.tree(queryToJson(routing.queryParams())), null, false);
        } else {
            drainThen(routing, () -> problem(routing.response(), requestId,
                    Errors.methodNotAllowed(method.name(), "GET or POST")), "GET, POST");
        }
    }

    private void invoke(RoutingContext routing, String requestId, String function, FunctionInput input, CloudEvent event,
            boolean structured) {
        HttpServerRequest request = routing.request();
        Invocation invocation = Invocation.builder(Platform.HTTP, function, requestId)
                .input(input)
                .traceId(TraceIds.fromHeaders(request::getHeader))
                .rawEvent(event != null ? event : request)
                .build();
        Context context = Vertx.currentContext();
        invoker.invoke(invocation).subscribe().with(
                outcome -> context.runOnContext(ignored -> reply(routing, outcome, event != null, structured)),
                failure -> context.runOnContext(ignored -> {
                    LOG.errorf(failure, "Request %s: the invoker failed", requestId);
                    problem(routing.response(), requestId, internalError(requestId));
                }));
    }

    private void onCloudEvent(RoutingContext routing, String requestId, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, String> header : routing.request().headers()) {
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        if (!CloudEvents.isCloudEvent(headers)) {
            problem(routing.response(), requestId, Errors.invalidCloudEvent("POST " + rootPath
                    + " takes a CloudEvent: send ce-* headers (binary mode) or Content-Type "
                    + CloudEvents.STRUCTURED_CONTENT_TYPE + " (structured mode), or call POST " + rootPath + "<function>."));
            return;
        }
        CloudEvent event;
        try {
            event = cloudEvents.parse(headers, body);
        } catch (InvalidCloudEventException e) {
            problem(routing.response(), requestId, Errors.invalidCloudEvent(e.getMessage()));
            return;
        }
        String function = cloudEvents.route(event.getType());
        if (function == null) {
            problem(routing.response(), requestId, FunctionError.client(404, Errors.FUNCTION_NOT_FOUND, Errors.title(404),
                    "No function serves CloudEvent type '" + Errors.printable(event.getType()) + "'."));
            return;
        }
        boolean structured = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
                .startsWith(CloudEvents.STRUCTURED_CONTENT_TYPE);
        invoke(routing, requestId, function, CloudEvents.input(event), event, structured);
    }

    private void reply(RoutingContext routing, Outcome outcome, boolean cloudEvent, boolean structured) {
        HttpServerResponse response = routing.response();
        if (response.ended() || response.closed()) {
            LOG.debugf("Request %s: the client went away before the answer", outcome.requestId());
            return;
        }
        if (!outcome.isSuccess()) {
            problem(response, outcome.requestId(), outcome.error());
            return;
        }
        byte[] body = outcome.body();
        if (body == null) {
            response.setStatusCode(204).end();
            return;
        }
        if (!cloudEvent) {
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(body));
            return;
        }
        CloudEvent reply = cloudEvents.reply(outcome.functionName(), body);
        response.setStatusCode(200);
        if (structured) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, CloudEvents.STRUCTURED_CONTENT_TYPE)
                    .end(Buffer.buffer(cloudEvents.writeStructured(reply)));
        } else {
            byte[] data = CloudEvents.writeBinary(reply, response::putHeader);
            response.end(Buffer.buffer(data));
        }
    }

    static void problem(HttpServerResponse response, String requestId, FunctionError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.CONTENT_TYPE);
        if (error.status() == 503) {
            long seconds = Problems.retryAfterSeconds(error);
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds > 0 ? seconds : 1));
        }
        response.end(Buffer.buffer(Problems.toJson(error, requestId)));
    }

    private static FunctionError internalError(String requestId) {
        return new FunctionError(FunctionError.Kind.INTERNAL, 500, Errors.INTERNAL_ERROR, Errors.title(500),
                "The function failed. Quote request id " + requestId + " when reporting it.", null, List.of());
    }

    /**
     * Reads the body up to the input limit. A larger body is drained (so that the client reads the answer rather than
     * a reset connection) and answered {@code 413} before any function runs.
     */
    private void readBody(RoutingContext routing, String requestId, Consumer<byte[]> then) {
        HttpServerRequest request = routing.request();
        long declared = contentLength(request);
        BodyCollector collector = new BodyCollector(declared > maxInputSize, declared);
        request.handler(chunk -> {
            collector.size += chunk.length();
            if (collector.tooLarge) {
                if (collector.size - maxInputSize > DRAIN_LIMIT) {
                    request.connection().close();
                }
                return;
            }
            if (collector.size > maxInputSize) {
                collector.tooLarge = true;
                collector.body = null;
            } else {
                collector.body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> LOG.debugf("Request %s: reading the body failed: %s", requestId,
                failure.getClass().getSimpleName()));
        request.endHandler(ignored -> {
            if (collector.tooLarge) {
                problem(routing.response(), requestId, Errors.payloadTooLarge(maxInputSize));
            } else {
                then.accept(collector.body.getBytes());
            }
        });
        request.resume();
    }

    private static void drainThen(RoutingContext routing, Runnable then, String allow) {
        routing.response().putHeader(HttpHeaders.ALLOW, allow);
        HttpServerRequest request = routing.request();
        request.handler(ignored -> {
        });
        request.endHandler(ignored -> then.run());
        request.resume();
    }

    private static long contentLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class BodyCollector {
        boolean tooLarge;
        long size;
        Buffer body;

        BodyCollector(boolean tooLarge, long declared) {
            this.tooLarge = tooLarge;
            this.body = tooLarge ? null : Buffer.buffer(declared > 0 ? (int) declared : 1024);
        }
    }

    /**
     * Query parameters as the function's JSON input: {@code ?name=Ada&tags=a&tags=b&address.city=Paris} gives
     * {@code {"name":"Ada","tags":["a","b"],"address":{"city":"Paris"}}}. Jackson then coerces the strings to the
     * input's field types, as for a JSON body.
     */
    static JsonNode queryToJson(MultiMap query) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String name : query.names()) {
            List<String> values = query.getAll(name);
            ObjectNode parent = root;
            String[] segments = name.split("\\.");
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
    static String requestId(String given) {
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
        return UUID.randomUUID().toString();
    }
}
