package io.quarkiverse.functions.test;

import java.util.Map;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.dev.EventConsole.Request;

/**
 * Requests and CloudEvents for one function of an application with the HTTP binding, handled in process by the
 * binding's dispatcher, as {@code POST /<function>} and {@code POST /} are. Get it with
 * {@link FunctionEvents#http(String)}. RestAssured tests the same over the network; this needs no port and builds the
 * CloudEvents.
 */
public final class HttpEvents {

    static final String PLATFORM = "HTTP";

    private final EventConsole console;
    private final String function;

    HttpEvents(EventConsole console, String function) {
        this.console = console;
        this.function = function;
    }

    /**
     * {@code POST /<function>} with a body of the function's input media type.
     */
    public HttpEventReply post(String body) {
        return event("http", body);
    }

    /**
     * A CloudEvent in binary mode on {@code POST /}, routed by its type as the binding routes it.
     *
     * @param type the event's type ({@code ce-type})
     * @param data the event's data, of the function's input media type
     */
    public HttpEventReply cloudEvent(String type, String data) {
        Request event = Consoles.cloudEvent(console, "cloudevent-binary", function, type, data);
        return send(event.headers(), event.body());
    }

    /**
     * A sample request of one kind with the input inside: {@code http}, {@code cloudevent} (structured mode),
     * {@code cloudevent-binary}; a CloudEvent's type is the function's first event type.
     */
    public HttpEventReply event(String kind, String input) {
        Request sample = console.sample(kind, function, input);
        return send(sample.headers(), sample.body());
    }

    /**
     * A request with any headers: a CloudEvent ({@code ce-*} headers or a CloudEvents content type) goes to
     * {@code POST /}, anything else to {@code POST /<function>}.
     */
    public HttpEventReply send(Map<String, String> headers, String body) {
        return HttpEventReply.of(console.send(function, new Request(headers, body)));
    }
}
