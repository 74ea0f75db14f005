package io.quarkiverse.functions.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * Where the telemetry subjects export (OTLP/HTTP {@code /v1/traces}, {@code /v1/metrics}): reads each body and
 * answers {@code 200}, as a collector on the same host would. Started once, on the harness's CPU.
 */
final class OtlpSink {

    /** A subject's environment value replaced with the sink's endpoint. */
    static final String ENDPOINT = "${otlp-sink}";

    private static String endpoint;

    private OtlpSink() {
    }

    static synchronized String endpoint() {
        if (endpoint == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "otlp-sink");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.createContext("/v1/", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                        exchange.sendResponseHeaders(200, -1);
                    }
                });
                server.start();
                endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Starting the OTLP sink failed", e);
            }
        }
        return endpoint;
    }

    /** Adds a subject's environment, with the sink's endpoint in place of {@link #ENDPOINT}. */
    static void putAll(Map<String, String> env, Map<String, String> subjectEnv) {
        for (Map.Entry<String, String> entry : subjectEnv.entrySet()) {
            env.put(entry.getKey(), ENDPOINT.equals(entry.getValue()) ? endpoint() : entry.getValue());
        }
    }
}
