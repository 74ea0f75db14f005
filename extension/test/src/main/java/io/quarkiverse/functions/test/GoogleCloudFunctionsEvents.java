package io.quarkiverse.functions.test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.dev.EventConsole.Request;

/**
 * Google Cloud Functions requests and events for one function, handled by the entry point a deployment of the
 * function runs: HTTP requests by the HTTP entry point, events (CloudEvents, legacy background events) by the event
 * entry point. Get it with {@link FunctionEvents#googleCloudFunctions(String)}.
 */
public final class GoogleCloudFunctionsEvents {

    static final String PLATFORM = "Google Cloud Functions";

    private final EventConsole console;
    private final String function;

    GoogleCloudFunctionsEvents(EventConsole console, String function) {
        this.console = console;
        this.function = function;
    }

    /**
     * A {@code POST} of a JSON body to the function's URL.
     *
     * @param json the request's body
     */
    public HttpEventReply http(String json) {
        return http("POST", "/", Map.of("content-type", "application/json"), json);
    }

    /**
     * An HTTP request to the function's URL.
     *
     * @param path the path after the function's URL, with an optional query: {@code /}, {@code /?name=Ada}
     * @param body the body, or {@code null}
     */
    public HttpEventReply http(String method, String path, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(console.sample("http", function, null).headers());
        all.remove("content-type");
        all.put(":method", method);
        all.put(":path", path);
        if (headers != null) {
            headers.forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
        }
        return send(all, body);
    }

    /**
     * A message published on a Pub/Sub topic, pushed by Eventarc as a CloudEvent.
     *
     * @param message the message's data as published (the event carries it base64-encoded): JSON, or text for a
     *        function that takes a {@code String}
     */
    public HttpEventReply pubsub(String message) {
        Request sample = console.sample("pubsub", function, null);
        ObjectNode body = (ObjectNode) Consoles.read(sample.body(), "the sample Pub/Sub event");
        ((ObjectNode) body.get("message")).put("data",
                Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
        return send(sample.headers(), Consoles.write(body));
    }

    /**
     * A CloudEvent in binary mode, with JSON data.
     *
     * @param type the event's type ({@code ce-type}), which routes it when no function is exported
     * @param data the event's data, JSON, or {@code null}
     */
    public HttpEventReply cloudEvent(String type, String data) {
        Request event = Consoles.cloudEvent(console, "cloudevent", function, type, data);
        return send(event.headers(), event.body());
    }

    /**
     * A sample delivery of one of the binding's kinds with the input inside where the binding reads it: {@code http},
     * {@code pubsub}, {@code storage} (the function receives the object's metadata), {@code firestore} (a legacy
     * event; the function receives the document change), {@code cloudevent}, {@code legacy-pubsub}.
     *
     * @param input the function's input, JSON, or {@code null}
     */
    public HttpEventReply event(String kind, String input) {
        Request sample = console.sample(kind, function, input);
        return send(sample.headers(), sample.body());
    }

    /**
     * @param headers the request's headers, with the pseudo-headers {@code :method} ({@code POST} by default) and
     *        {@code :path} ({@code /} by default)
     * @param body the request's body, or {@code null}
     */
    public HttpEventReply send(Map<String, String> headers, String body) {
        return HttpEventReply.of(console.send(function, new Request(headers, body)));
    }
}
