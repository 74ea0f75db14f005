package io.quarkiverse.functions.runtime.dev.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;

/**
 * The Dev UI page's back end (JSON-RPC): the functions as this deployment serves them, sample events of the
 * platform's triggers, and the delivery of an edited event to one function through the binding, with what the
 * invocation did and logged.
 * <p>
 * Headers travel as text ({@code name: value} lines), as the page shows and edits them.
 */
public class FunctionsJsonRpcService {

    private static final ObjectMapper PRETTY = new ObjectMapper();

    @Inject
    FunctionInvoker invoker;

    @Inject
    CloudEvents cloudEvents;

    @Inject
    DevInvocations invocations;

    /**
     * @return the platform, its triggers, and each function with its entry point, timeout and CloudEvent types
     */
    public Map<String, Object> getConsole() {
        EventConsole console = DevConsoles.current();
        List<Map<String, Object>> functions = new ArrayList<>();
        for (String name : new TreeSet<>(invoker.catalog().names())) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", name);
            function.put("entryPoint", console.entryPoint(name));
            function.put("timeout", invoker.timeout(name).toString().substring(2).toLowerCase(Locale.ROOT));
            function.put("eventTypes", cloudEvents.eventTypes(name));
            functions.add(function);
        }
        List<Map<String, String>> kinds = new ArrayList<>();
        for (EventConsole.EventKind kind : console.eventKinds()) {
            kinds.add(Map.of("id", kind.id(), "label", kind.label()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("platform", console.platform());
        result.put("eventKinds", kinds);
        result.put("functions", functions);
        return result;
    }

    /**
     * @return a sample event of that trigger for the function, with {@code input} inside
     */
    public Map<String, Object> sample(String function, String kind, String input) {
        EventConsole.Request request = DevConsoles.current().sample(kind, function, input);
        return Map.of("headers", DevConsoles.headerText(request.headers()), "body", pretty(request.body()));
    }

    /**
     * Sends an event to one function through the binding, as the platform delivers it to the function's deployment.
     *
     * @return the platform's reply, the invocations it made and their log lines
     */
    public Map<String, Object> send(String function, String headers, String body) {
        EventConsole.Reply reply = DevConsoles.send(function, DevConsoles.parseHeaders(headers), body);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", reply.status());
        result.put("headers", DevConsoles.headerText(reply.headers()));
        result.put("body", reply.body() == null ? "" : pretty(reply.body()));
        result.put("requestId", reply.requestId());
        result.put("invocations", invocations.invocations(reply.requestId()));
        result.put("logs", invocations.lines(reply.requestId()));
        return result;
    }

    private static String pretty(String body) {
        if (body == null || body.isBlank()) {
            return body;
        }
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(body));
        } catch (Exception e) {
            // not JSON: shown as sent
            return body;
        }
    }
}
