package io.quarkiverse.functions.http.runtime.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.FunctionDefinition;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.HttpRequest;

/**
 * The HTTP binding's {@link EventConsole} (dev and test mode): {@code POST /<function>}, and CloudEvents on
 * {@code POST /} (structured and binary mode), routed by type as the binding routes them, through the same dispatcher
 * as the Vert.x route.
 */
@Singleton
public class HttpEventConsole implements EventConsole {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REQUEST_ID = "x-request-id";

    private final HttpDispatcher dispatcher;
    private final FunctionInvoker invoker;
    private final CloudEvents cloudEvents;

    HttpEventConsole(HttpDispatcher dispatcher, FunctionInvoker invoker, CloudEvents cloudEvents) {
        this.dispatcher = dispatcher;
        this.invoker = invoker;
        this.cloudEvents = cloudEvents;
    }

    @Override
    public String platform() {
        return "HTTP";
    }

    @Override
    public String entryPoint(String function) {
        return "POST /" + function;
    }

    @Override
    public List<EventKind> eventKinds() {
        return List.of(new EventKind("http", "HTTP request (POST /<function>)"),
                new EventKind("cloudevent", "CloudEvent, structured (POST /)"),
                new EventKind("cloudevent-binary", "CloudEvent, binary (POST /)"));
    }

    @Override
    public Request sample(String eventKind, String function, String input) {
        FunctionDefinition definition = invoker.catalog().get(function);
        String contentType = definition == null ? "application/json" : mediaType(definition.inputType());
        String body = input == null ? "" : input;
        Map<String, String> headers = new LinkedHashMap<>();
        String type = cloudEvents.eventTypes(function).get(0);
        switch (eventKind) {
            case "http" -> headers.put("content-type", contentType);
            case "cloudevent" -> {
                headers.put("content-type", CloudEvents.STRUCTURED_CONTENT_TYPE);
                ObjectNode event = MAPPER.createObjectNode().put("specversion", "1.0")
                        .put("id", UUID.randomUUID().toString()).put("source", "/dev/event-console").put("type", type)
                        .put("time", Instant.now().toString()).put("datacontenttype", contentType);
                if (contentType.equals("application/json") && !body.isBlank()) {
                    event.set("data", readTree(body));
                } else if (!body.isEmpty()) {
                    event.put("data", body);
                }
                body = event.toString();
            }
            case "cloudevent-binary" -> {
                headers.put("content-type", contentType);
                headers.put("ce-specversion", "1.0");
                headers.put("ce-id", UUID.randomUUID().toString());
                headers.put("ce-source", "/dev/event-console");
                headers.put("ce-type", type);
                headers.put("ce-time", Instant.now().toString());
            }
            default -> throw new IllegalArgumentException("Unknown event kind '" + eventKind + "': one of " + eventKinds());
        }
        return new Request(headers, body);
    }

    @Override
    public Reply send(String function, Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        headers.putIfAbsent(REQUEST_ID, UUID.randomUUID().toString());
        // a CloudEvent goes to POST /, routed by its type; anything else to the function's path
        String path = CloudEvents.isCloudEvent(headers) ? "" : function;
        HttpRequest httpRequest = new HttpRequest("POST", path, headers, Map.of(),
                request.body().getBytes(StandardCharsets.UTF_8), new Object[0]);
        HttpReply reply = dispatcher.dispatch(httpRequest, Platform.HTTP, null).await().indefinitely();
        Map<String, String> replyHeaders = new LinkedHashMap<>();
        reply.headers().forEach((name, value) -> replyHeaders.put(name.toLowerCase(Locale.ROOT), value));
        return new Reply(reply.status(), replyHeaders,
                reply.body() == null ? null : new String(reply.body(), StandardCharsets.UTF_8),
                headers.get(REQUEST_ID));
    }

    private static String mediaType(PayloadType type) {
        return type == null ? PayloadType.JSON.mediaType : type.mediaType;
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            // not JSON: sent as a string, which the function rejects as the deployed one would
            return MAPPER.getNodeFactory().textNode(json);
        }
    }
}
