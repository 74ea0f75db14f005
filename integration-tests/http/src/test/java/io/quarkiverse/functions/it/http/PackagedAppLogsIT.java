package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs the packaged application (production profile, JSON logs on) and checks the log lines it writes during
 * invocations. After a JVM build that is {@code java -jar quarkus-run.jar}; after a native build, the executable and
 * the libraries shipped beside it, copied to a fresh directory and run with only the variables Cloud Run sets and no
 * JDK on the {@code PATH}: the container image a user would build.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedAppLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> LINES = new ArrayList<>();
    private static final BlockingQueue<JsonNode> INCOMING = new LinkedBlockingQueue<>();
    private static Process app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The output goes through a named pipe, not the process's own: once a process has exited, the JDK closes its
        // pipe under a reader still reading it, and the last lines (those of the shutdown) would be lost.
        Path fifo = Path.of("target", "packaged-app-output.fifo").toAbsolutePath();
        Files.deleteIfExists(fifo);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = Files.newBufferedReader(fifo, StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    INCOMING.add(line.startsWith("{") ? JSON.readTree(line) : JSON.createObjectNode().put("raw", line));
                }
            } catch (IOException e) {
                INCOMING.add(JSON.createObjectNode().put("raw", "output reader failed: " + e));
            }
        }, "app-output");
        reader.setDaemon(true);
        reader.start();
        app = PackagedApp.processBuilder(port).redirectErrorStream(true).redirectOutput(fifo.toFile()).start();
        awaitLine(line -> line.path("message").asText().contains("Listening on"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the process stops (tests without @Order come between)
    void sigtermStopsTheApplicationGracefully() throws Exception {
        // Cloud Run and Knative stop a container with SIGTERM, then SIGKILL 10 s later
        app.destroy();
        assertThat(app.waitFor(10, TimeUnit.SECONDS)).as("stopped before SIGKILL would come").isTrue();
        JsonNode stopped = awaitLine(line -> line.path("message").asText().contains("stopped in"));
        assertThat(stopped.path("level").asText()).isEqualTo("INFO");
        assertThat(app.exitValue()).isIn(0, 143);
    }

    @Test
    @Order(1) // the first invocation of the process: its lines say cold_start=true
    void everyLineOfAnInvocationCarriesTheRequestFields() throws Exception {
        String requestId = "logs-" + UUID.randomUUID();
        String secretName = "Name-" + UUID.randomUUID();
        HttpResponse<String> response = post("/greet", "{\"name\":\"" + secretName + "\"}", requestId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Hello " + secretName);

        JsonNode greeting = awaitLine(line -> requestId.equals(line.path("mdc").path("request_id").asText()));
        assertThat(greeting.path("message").asText()).isEqualTo("Greeting a caller");
        assertThat(greeting.path("level").asText()).isEqualTo("INFO");

        // the first invocation of this process
        assertThat(greeting.path("mdc").path("cold_start").asText()).isEqualTo("true");

        String secondId = "logs-" + UUID.randomUUID();
        assertThat(post("/greet", "{\"name\":\"Bo\"}", secondId).statusCode()).isEqualTo(200);
        JsonNode second = awaitLine(line -> secondId.equals(line.path("mdc").path("request_id").asText()));
        assertThat(second.path("mdc").path("cold_start").asText()).isEqualTo("false");

        for (JsonNode line : LINES) {
            if (line.path("message").asText().equals("Greeting a caller")) {
                JsonNode mdc = line.path("mdc");
                assertThat(mdc.path("request_id").asText()).as("request_id of %s", line).isNotEmpty();
                assertThat(mdc.path("function").asText()).as("function of %s", line).isEqualTo("greet");
                assertThat(mdc.path("cold_start").asText()).as("cold_start of %s", line).isIn("true", "false");
                assertThat(mdc.path("platform").asText()).isEqualTo("http");
            }
            // the request body is never logged
            assertThat(line.toString()).doesNotContain(secretName);
        }
    }

    @Test
    void traceIdFromTraceparentIsLogged() throws Exception {
        String requestId = "trace-" + UUID.randomUUID();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/greet"))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                .build();
        assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        JsonNode line = awaitLine(l -> requestId.equals(l.path("mdc").path("request_id").asText()));
        assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(traceId);
    }

    @Test
    void internalErrorsAreLoggedWithTheirStackTraceButAnsweredWithout() throws Exception {
        String requestId = "boom-" + UUID.randomUUID();
        HttpResponse<String> response = post("/fail", "{\"kind\":\"internal\"}", requestId);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");

        JsonNode error = awaitLine(line -> requestId.equals(line.path("mdc").path("request_id").asText())
                && line.path("level").asText().equals("ERROR"));
        assertThat(error.path("mdc").path("function").asText()).isEqualTo("fail");
        assertThat(error.path("exception").path("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void clientErrorsWriteNoDefaultLogLine() throws Exception {
        String requestId = "bad-" + UUID.randomUUID();
        assertThat(post("/greet", "{\"name\":", requestId).statusCode()).isEqualTo(400);
        // a later request's line proves the output up to here has been read
        String markerId = "marker-" + UUID.randomUUID();
        assertThat(post("/greet", "{\"name\":\"Ada\"}", markerId).statusCode()).isEqualTo(200);
        awaitLine(line -> markerId.equals(line.path("mdc").path("request_id").asText()));
        for (JsonNode line : LINES) {
            assertThat(line.path("mdc").path("request_id").asText()).isNotEqualTo(requestId);
        }
    }

    private static HttpResponse<String> post(String path, String body, String requestId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads the application's output until a line matches; fails after 30 s without one.
     */
    private static synchronized JsonNode awaitLine(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        for (JsonNode seen : LINES) {
            if (wanted.test(seen)) {
                return seen;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode line = left > 0 ? INCOMING.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("No matching log line within 30 s; read so far: " + LINES);
            }
            LINES.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }
}
