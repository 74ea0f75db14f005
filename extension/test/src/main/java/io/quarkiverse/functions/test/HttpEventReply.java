package io.quarkiverse.functions.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.runtime.dev.EventConsole;

/**
 * An HTTP answer as the platform gives it to the caller: the response of an API Gateway, Function URL or ALB event,
 * or of a Google Cloud Functions request or event delivery.
 *
 * @param status the HTTP status
 * @param headers the headers, names in lower case
 * @param cookies the {@code Set-Cookie} values, one each
 * @param body the body as text (base64-decoded when the platform encoded it), or {@code null} when there is none
 * @param requestId the request id of the invocation, which its log lines carry
 */
public record HttpEventReply(int status, Map<String, String> headers, List<String> cookies, String body,
        String requestId) {

    /**
     * A console's reply as the caller reads it: {@code Set-Cookie} values apart, one each.
     */
    static HttpEventReply of(EventConsole.Reply reply) {
        List<String> cookies = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        reply.headers().forEach((name, value) -> {
            if ("set-cookie".equalsIgnoreCase(name)) {
                cookies.addAll(List.of(value.split("\n")));
            } else {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return new HttpEventReply(reply.status(), headers, List.copyOf(cookies), reply.body(), reply.requestId());
    }

    /**
     * @param name a header name, in any case
     * @return the header's value, or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @return the body read as JSON
     * @throws java.io.UncheckedIOException when it is not JSON
     */
    public JsonNode json() {
        return Consoles.read(body == null ? "null" : body, "the reply's body");
    }
}
