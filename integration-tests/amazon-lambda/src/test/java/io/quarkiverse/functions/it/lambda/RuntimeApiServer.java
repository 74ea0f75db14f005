package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Lambda Runtime API (2018-06-01) of the tests' own: hands out events on {@code GET /invocation/next} with the
 * documented headers, and records what the runtime posts to {@code /response}, {@code /error} and
 * {@code /init/error}.
 */
final class RuntimeApiServer implements AutoCloseable {

    static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:greet";
    static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    /**
     * What the runtime posted: the invocation's request id ({@code null} for {@code init/error}), the endpoint
     * ({@code response}, {@code error} or {@code init/error}), headers, body.
     */
    record Posted(String requestId, String endpoint, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private record Event(String requestId, byte[] body, long deadlineMillis) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Posted>> replies = new ConcurrentHashMap<>();
    final CompletableFuture<Posted> initError = new CompletableFuture<>();
    final CompletableFuture<Long> firstNext = new CompletableFuture<>();

    RuntimeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    /**
     * @return {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}
     */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Queues an event and returns what the runtime answers for it.
     */
    CompletableFuture<Posted> invoke(String body) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Posted> reply = new CompletableFuture<>();
        replies.put(requestId, reply);
        events.add(new Event(requestId, body.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 30_000));
        return reply;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/invocation/next")) {
                firstNext.complete(System.nanoTime());
                Event event = events.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", event.requestId());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineMillis()));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", ARN);
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", TRACE);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, event.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(event.body());
                }
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (path.endsWith("/init/error")) {
                initError.complete(new Posted(null, "init/error", Map.copyOf(exchange.getRequestHeaders()), body));
            } else {
                // /2018-06-01/runtime/invocation/{id}/response or /error
                String[] segments = path.split("/");
                String requestId = segments[segments.length - 2];
                String endpoint = segments[segments.length - 1];
                CompletableFuture<Posted> reply = replies.get(requestId);
                if (reply != null) {
                    reply.complete(new Posted(requestId, endpoint, Map.copyOf(exchange.getRequestHeaders()), body));
                }
            }
            byte[] accepted = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, accepted.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(accepted);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
