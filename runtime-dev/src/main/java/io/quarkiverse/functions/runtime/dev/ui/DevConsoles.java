package io.quarkiverse.functions.runtime.dev.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

/**
 * Finds the binding's {@link EventConsole} and sends events through it, for the Dev UI and the dev-mode routes.
 */
final class DevConsoles {

    private DevConsoles() {
    }

    /**
     * @return the application's binding's console (an application has one binding)
     * @throws IllegalStateException when the application has no binding
     */
    static EventConsole current() {
        List<InstanceHandle<EventConsole>> consoles = Arc.container().listAll(EventConsole.class);
        if (consoles.isEmpty()) {
            throw new IllegalStateException("This application has no platform binding: add quarkus-functions-http, "
                    + "quarkus-functions-amazon-lambda or quarkus-functions-google-cloud-functions");
        }
        return consoles.get(0).get();
    }

    static EventConsole.Reply send(String function, Map<String, String> headers, String body) {
        return current().send(function, new EventConsole.Request(headers, body == null ? "" : body));
    }

    static Map<String, String> parseHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    static String headerText(Map<String, String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }
}
