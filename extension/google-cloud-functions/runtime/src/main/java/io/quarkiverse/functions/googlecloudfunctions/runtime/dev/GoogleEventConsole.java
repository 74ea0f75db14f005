package io.quarkiverse.functions.googlecloudfunctions.runtime.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkiverse.functions.googlecloudfunctions.runtime.CloudEventFunctionEntryPoint;
import io.quarkiverse.functions.googlecloudfunctions.runtime.GoogleCloudPlatform;
import io.quarkiverse.functions.googlecloudfunctions.runtime.HttpFunctionEntryPoint;
import io.quarkiverse.functions.googlecloudfunctions.runtime.dev.GoogleSampleEvents.Delivery;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.FunctionDefinition;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;

/**
 * The Google Cloud Functions binding's event console: sample deliveries of the triggers the binding reads, handed in
 * process to the entry point a deployment of the function runs, as the Functions Framework hands them, and answered
 * with what the entry point answers.
 * <p>
 * A request is the HTTP request the framework receives: its headers (names in lower case) carry the pseudo-headers
 * {@code :method} ({@code POST} by default) and {@code :path} ({@code /} by default, with the query). A CloudEvent
 * (binary or structured) or a legacy background event goes to {@link CloudEventFunctionEntryPoint}, anything else to
 * {@link HttpFunctionEntryPoint}, each serving the given function as with {@code QUARKUS_FUNCTIONS_EXPORT}. Registered
 * in dev and test mode only.
 */
@Singleton
public class GoogleEventConsole implements EventConsole {

    private static final String ENTRY_POINTS = "io.quarkiverse.functions.googlecloudfunctions.runtime.";
    private static final String EXECUTION_ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final List<EventKind> KINDS = List.of(
            new EventKind("http", "HTTP request"),
            new EventKind("pubsub", "Pub/Sub message (Eventarc CloudEvent)"),
            new EventKind("storage", "Cloud Storage object finalized"),
            new EventKind("firestore", "Firestore document written (legacy event)"),
            new EventKind("cloudevent", "CloudEvent (binary mode)"),
            new EventKind("legacy-pubsub", "Pub/Sub message (legacy background event)"));

    private final FunctionInvoker invoker;
    private final FunctionsRuntimeConfig config;
    private final ObjectMapper mapper;

    GoogleEventConsole(FunctionInvoker invoker, FunctionsRuntimeConfig config, ObjectMapper mapper) {
        this.invoker = invoker;
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public String platform() {
        return "Google Cloud Functions";
    }

    @Override
    public String entryPoint(String function) {
        return "--entry-point=" + ENTRY_POINTS + "HttpFunctionEntryPoint (--trigger-http) or " + ENTRY_POINTS
                + "CloudEventFunctionEntryPoint (events), with QUARKUS_FUNCTIONS_EXPORT=" + function;
    }

    @Override
    public List<EventKind> eventKinds() {
        return KINDS;
    }

    @Override
    public Request sample(String eventKind, String function, String input) {
        Delivery delivery;
        switch (eventKind) {
            case "http":
                return new Request(GoogleSampleEvents.http(input), input == null ? "" : input);
            case "pubsub":
                delivery = GoogleSampleEvents.pubsub(function, messageText(function, input));
                break;
            case "storage":
                delivery = GoogleSampleEvents.storage(function, input);
                break;
            case "firestore":
                delivery = GoogleSampleEvents.firestore(function, tree(input));
                break;
            case "cloudevent":
                delivery = GoogleSampleEvents.cloudEvent(function, eventType(function), input);
                break;
            case "legacy-pubsub":
                delivery = GoogleSampleEvents.legacyPubsub(function, messageText(function, input));
                break;
            default:
                throw new IllegalArgumentException("Unknown Google Cloud Functions event kind '" + eventKind
                        + "'; the kinds are " + KINDS.stream().map(EventKind::id).toList() + ".");
        }
        String body = delivery.body() != null ? write(delivery.body()) : delivery.text() == null ? "" : delivery.text();
        return new Request(delivery.headers(), body);
    }

    /**
     * Runs the entry point in the calling thread, which it blocks until the reply.
     */
    @Override
    public Reply send(String function, Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        String method = orDefault(headers.remove(GoogleSampleEvents.METHOD), "POST").toUpperCase(Locale.ROOT);
        String path = orDefault(headers.remove(GoogleSampleEvents.PATH), "/");
        // Google Cloud gives every request an execution id, which is the invocation's request id
        headers.putIfAbsent(GoogleCloudPlatform.EXECUTION_ID, executionId());
        byte[] body = request.body() == null || request.body().isEmpty() ? null
                : request.body().getBytes(StandardCharsets.UTF_8);
        InProcessExchange.Request frameworkRequest = new InProcessExchange.Request(method, path, headers, body);
        InProcessExchange.Response frameworkResponse = new InProcessExchange.Response();
        try {
            if (isEvent(headers, body)) {
                new CloudEventFunctionEntryPoint(function).service(frameworkRequest, frameworkResponse);
            } else {
                new HttpFunctionEntryPoint(function).service(frameworkRequest, frameworkResponse);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Delivering a request to function '" + function + "' in process", e);
        }
        return new Reply(frameworkResponse.status(), frameworkResponse.replyHeaders(), frameworkResponse.body(),
                headers.get(GoogleCloudPlatform.EXECUTION_ID));
    }

    /**
     * @return whether the request is an event: a CloudEvent, or a legacy event ({@code eventType} in {@code context}
     *         or at the top level)
     */
    private boolean isEvent(Map<String, String> headers, byte[] body) {
        if (CloudEvents.isCloudEvent(headers)) {
            return true;
        }
        if (body == null) {
            return false;
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root != null && (root.path("context").has("eventType") || root.has("eventType"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @return the type of the function's CloudEvents: the first it is mapped to, else its name
     */
    private String eventType(String function) {
        FunctionsRuntimeConfig.FunctionConfig settings = config.function().get(function);
        List<String> types = settings == null ? List.of() : settings.eventTypes().orElse(List.of());
        return types.isEmpty() ? function : types.get(0);
    }

    /**
     * @return a message's text: the input, unquoted for a function that takes a {@code String}
     */
    private String messageText(String function, String input) {
        FunctionDefinition definition = invoker.catalog().get(function);
        if (input == null || definition == null || definition.inputType() != PayloadType.TEXT) {
            return input;
        }
        JsonNode tree = tree(input);
        return tree.isTextual() ? tree.asText() : input;
    }

    private JsonNode tree(String input) {
        if (input == null || input.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return mapper.readTree(input);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(input);
        }
    }

    private String write(JsonNode body) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a sample Google Cloud Functions event", e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String executionId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(EXECUTION_ID_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(EXECUTION_ID_CHARACTERS.length())));
        }
        return id.toString();
    }
}
