package io.quarkiverse.functions.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.dev.EventConsole.Request;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * Finds a binding's {@link EventConsole} in the running application, and reads and writes JSON.
 */
final class Consoles {

    static final ObjectMapper JSON = new ObjectMapper();

    private Consoles() {
    }

    /**
     * @param platform the console's {@link EventConsole#platform()}
     * @param artifact the binding's artifact, for the message when it is missing
     */
    static EventConsole find(String platform, String artifact) {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            throw new IllegalStateException("FunctionEvents needs the application running in this JVM: use it in a "
                    + "@QuarkusTest (or in dev mode), not in a plain unit test or a @QuarkusIntegrationTest.");
        }
        List<String> platforms = new ArrayList<>();
        for (InstanceHandle<EventConsole> handle : container.select(EventConsole.class).handles()) {
            EventConsole console = handle.get();
            if (platform.equals(console.platform())) {
                return console;
            }
            platforms.add(console.platform());
        }
        throw new IllegalStateException("The application has no " + platform + " binding: add the dependency "
                + "io.quarkiverse.functions:" + artifact + " to deliver " + platform + " events"
                + (platforms.isEmpty() ? "." : "; the application's bindings are " + platforms + "."));
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM, computing an SQS message's checksum", e);
        }
    }

    static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + what + " as JSON: " + json, e);
        }
    }

    static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing an event", e);
        }
    }

    /**
     * A sample binary-mode CloudEvent of the console's, with the type set: the type routes it, whatever the sample's.
     */
    static Request cloudEvent(EventConsole console, String kind, String function, String type, String data) {
        Request sample = console.sample(kind, function, data);
        Map<String, String> headers = new LinkedHashMap<>(sample.headers());
        headers.put("ce-type", type);
        return new Request(headers, sample.body());
    }
}
