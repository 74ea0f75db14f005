package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application as Cloud Run and Knative run it: graceful shutdown on {@code SIGTERM}, slow clients,
 * early {@code 413}, overload on a small heap, problem documents for errors below the binding, and the OpenAPI document
 * complete once readiness is {@code UP}. Each test that needs its own settings starts its own process.
 */
class PackagedAppServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static RunningApp shared;

    @BeforeAll
    static void start() throws Exception {
        shared = RunningApp.start(List.of());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIsAnswered413BeforeItIsSent() throws Exception {
        for (boolean expectContinue : List.of(false, true)) {
            String requestId = "big-" + expectContinue;
            try (Socket socket = new Socket("localhost", shared.port)) {
                socket.setSoTimeout(30_000);
                // only the headers: 7 MB declared, over quarkus.functions.max-input-size (6M), and no byte of body
                socket.getOutputStream().write(("POST /greet HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + 7 * 1024 * 1024 + "\r\nX-Request-Id: " + requestId + "\r\n"
                        + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
                RawHttp answer = RawHttp.read(socket);
                assertThat(answer.status()).as("expect-continue %s", expectContinue).isEqualTo(413);
                assertProblem(answer.headers().get("content-type"), answer.headers().get("x-request-id"), answer.body(),
                        requestId, "payload-too-large");
            }
        }
    }

    @Test
    void errorsBelowTheBindingAreProblems() throws Exception {
        try (Socket socket = new Socket("localhost", shared.port)) {
            socket.setSoTimeout(30_000);
            // a raw socket: HTTP clients refuse to send a bad percent-encoding
            socket.getOutputStream().write("GET /greet?name=%ZZ HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: enc-1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp badEncoding = RawHttp.read(socket);
            assertThat(badEncoding.status()).isEqualTo(400);
            assertProblem(badEncoding.headers().get("content-type"), badEncoding.headers().get("x-request-id"),
                    badEncoding.body(), "enc-1", "malformed-uri");
        }

        HttpResponse<String> longUri = get("/greet?name=" + "a".repeat(5000), "uri-1", List.of());
        assertThat(longUri.statusCode()).isEqualTo(414);
        assertProblem(longUri, "uri-1", "uri-too-long");

        HttpResponse<String> bigHeaders = get("/greet?name=Ada", "hdr-1", List.of("X-Big", "b".repeat(30_000)));
        assertThat(bigHeaders.statusCode()).isEqualTo(431);
        assertProblem(bigHeaders, "hdr-1", "headers-too-large");
    }

    @Test
    void aClientTricklingItsRequestIsClosed() throws Exception {
        // a short client timeout for the test; the default (60 s, or the longest deadline plus 1 s) is checked in
        // the deployment tests
        try (RunningApp app = RunningApp.start(List.of("-Dquarkus.functions.http.client-timeout=2s",
                "-Dquarkus.functions.timeout=1s"))) {
            // the request line, the headers, the body: each trickled a byte at a time
            for (String start : List.of("GET /gre", "POST /greet HTTP/1.1\r\nHost: localhost\r\nX-Pad: ",
                    "POST /greet HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{\"name\":\"")) {
                assertThat(closedWhileTrickling(app.port, start)).as("closed while trickling after %s", start).isTrue();
            }
        }
    }

    @Test
    void aStalledRequestIsClosedAtTheClientTimeout() throws Exception {
        // the default (60 s, or the longest deadline plus 1 s) is checked in the deployment tests; waiting for it
        // here cost a minute per run
        try (RunningApp app = RunningApp.start(List.of("-Dquarkus.functions.http.client-timeout=2s",
                "-Dquarkus.functions.timeout=1s")); Socket socket = new Socket("localhost", app.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("POST /greet HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            // nothing more is sent: the server closes (read gives -1) before the read timeout would throw
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    /** Sends one byte about every 500 ms (the read timeout paces it) until the server closes, at most 400 bytes. */
    private static boolean closedWhileTrickling(int port, String start) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < 400; sent++) {
                try {
                    out.write('a');
                    out.flush();
                    if (socket.getInputStream().read() < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the server is still waiting: send the next byte
                } catch (IOException closed) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void sigtermLetsInFlightCallsFinishThenExitsZero() throws Exception {
        try (RunningApp app = RunningApp.start(List.of("-Dquarkus.log.category.\"io.quarkiverse.functions.http\".level=DEBUG"))) {
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "slow-" + i + "-" + UUID.randomUUID();
                ids.add(id);
                inFlight.add(CLIENT.sendAsync(post(app.port, "/slow", "{\"millis\":800}", id),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (String id : ids) {
                app.awaitLine(line -> line.contains("Took request " + id));
            }

            app.process.destroy(); // SIGTERM, as Cloud Run and Knative send it

            int refusedOrUnavailable = 0;
            for (int i = 0; i < 50 && app.process.isAlive(); i++) {
                try {
                    HttpResponse<String> late = CLIENT.send(post(app.port, "/greet", "{\"name\":\"Ada\"}", "late-" + i),
                            HttpResponse.BodyHandlers.ofString());
                    if (late.statusCode() == 200) {
                        continue; // taken before the signal was handled
                    }
                    assertThat(late.statusCode()).isEqualTo(503);
                    assertThat(late.headers().firstValue("Retry-After")).hasValue("1");
                    assertProblem(late, "late-" + i, "shutting-down");
                    refusedOrUnavailable++;
                } catch (ConnectException | java.net.http.HttpConnectTimeoutException refused) {
                    refusedOrUnavailable++;
                } catch (IOException closedWhileAsking) {
                    refusedOrUnavailable++;
                }
            }
            for (CompletableFuture<HttpResponse<String>> call : inFlight) {
                HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("{\"sleptMillis\":800}");
            }
            assertThat(app.process.waitFor(10, TimeUnit.SECONDS)).as("stopped before SIGKILL would come").isTrue();
            assertThat(app.process.exitValue()).isZero();
            assertThat(refusedOrUnavailable).as("late requests answered 503 or refused").isPositive();
        }
    }

    @Test
    void theOpenApiDocumentIsCompleteAsSoonAsReadinessIsUp() throws Exception {
        for (int start = 0; start < 3; start++) {
            try (RunningApp app = RunningApp.start(List.of())) {
                awaitReady(app.port);
                HttpResponse<String> document = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + app.port + "/q/openapi?format=json")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(document.statusCode()).isEqualTo(200);
                JsonNode paths = JSON.readTree(document.body()).path("paths");
                for (String function : OpenApiDocumentTest.FUNCTIONS) {
                    assertThat(paths.has("/" + function)).as("start %d has /%s", start, function).isTrue();
                }
            }
        }
    }

    @Test
    void aSmallHeapAnswersManyLargeInputsWith200Or503() throws Exception {
        try (RunningApp app = RunningApp.start(List.of("-Xmx64m"))) {
            String body = "{\"name\":\"" + "n".repeat(5 * 1024 * 1024) + "\"}";
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(CLIENT.sendAsync(post(app.port, "/greet", body, "heap-" + i), HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> response = calls.get(i).get(120, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("call %d", i).isIn(200, 503);
                if (response.statusCode() == 503) {
                    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
                    assertProblem(response, "heap-" + i, "overloaded");
                } else {
                    ok++;
                }
            }
            assertThat(ok).isPositive();
            HttpResponse<String> after = CLIENT.send(post(app.port, "/greet", "{\"name\":\"Ada\"}", "after"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(app.process.isAlive()).isTrue();
            assertThat(app.linesSoFar()).noneMatch(line -> line.contains("OutOfMemoryError"));
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        for (int i = 0; i < 10_000; i++) {
            if (CLIENT.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                return;
            }
        }
        throw new AssertionError("never ready");
    }

    private static HttpRequest post(int port, String path, String body, String requestId) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> get(String pathAndQuery, String requestId, List<String> header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + shared.port + pathAndQuery))
                .header("X-Request-Id", requestId);
        if (!header.isEmpty()) {
            request.header(header.get(0), header.get(1));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, String requestId, String code) throws IOException {
        assertProblem(response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("X-Request-Id").orElse(null), response.body(), requestId, code);
    }

    private static void assertProblem(String contentType, String requestIdHeader, String body, String requestId,
            String code) throws IOException {
        assertThat(contentType).isEqualTo("application/problem+json");
        assertThat(requestIdHeader).isEqualTo(requestId);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("instance").asText()).isEqualTo(requestId);
        assertThat(problem.path("type").asText()).isEqualTo("urn:quarkus-functions:problem:" + code);
        assertThat(body).doesNotContain("Exception");
    }
}
