package io.quarkiverse.functions.it.gcf;

import static io.quarkiverse.functions.it.gcf.InvokerProcess.ofRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP entry point under the real invoker, serving every function of the example application by path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static InvokerProcess invoker;

    @BeforeAll
    static void start() throws Exception {
        invoker = InvokerProcess.start(InvokerProcess.HTTP_ENTRY_POINT, Map.of(
                // what Google Cloud sets for a function deployed with --timeout=30s
                "CLOUD_RUN_TIMEOUT_SECONDS", "30",
                "QUARKUS_FUNCTIONS_MAX_INPUT_SIZE", "64K",
                "QUARKUS_FUNCTIONS_STARTUP_REPORT", "true"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (invoker != null) {
            invoker.close();
        }
    }

    @Test
    @Order(1) // the first invocation of the process
    void greetAnswersWithTheExecutionIdAsRequestIdAndLogsForCloudLogging() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.postJson("/greet", "{\"name\":\"Ada\"}",
                "Function-Execution-Id", executionId,
                "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(executionId);
        assertThat(response.headers().firstValue("ETag")).isEmpty();

        JsonNode line = invoker.awaitLine(ofRequest(executionId));
        assertThat(line.path("message").asText()).isEqualTo("Greeting a caller");
        assertThat(line.path("severity").asText()).isEqualTo("INFO");
        assertThat(line.path("logging.googleapis.com/trace").asText())
                .isEqualTo("projects/" + InvokerProcess.PROJECT + "/traces/" + TRACE_ID);
        JsonNode labels = line.path("logging.googleapis.com/labels");
        assertThat(labels.path("function").asText()).isEqualTo("greet");
        assertThat(labels.path("platform").asText()).isEqualTo("google_cloud_functions");
        assertThat(labels.path("cold_start").asText()).isEqualTo("true");
        assertThat(labels.path("trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(line.has("level")).as("the level is written as severity").isFalse();
    }

    @Test
    @Order(2) // once the first invocation has been answered
    void theStartupReportGivesThePhasesOfThisColdStart() throws Exception {
        JsonNode line = invoker.awaitLine(l -> l.path("message").asText().startsWith("Start-up report: "));
        JsonNode report = JSON.readTree(line.path("message").asText().substring("Start-up report: ".length()));

        assertThat(report.path("platform").asText()).isEqualTo("google_cloud_functions");
        assertThat(report.path("mode").asText()).isEqualTo("jvm");
        assertThat(report.path("phases").findValuesAsText("name"))
                .contains("start-to-static-init", "static-init", "runtime-init", "to-ready", "ready-to-first-event",
                        "first-invocation");
        assertThat(report.path("firstResponseMs").asLong()).isGreaterThanOrEqualTo(report.path("readyMs").asLong());
    }

    @Test
    void contextCarriesTheExecutionIdTraceAndPlatformDeadline() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.postJson("/context", "", "Function-Execution-Id", executionId,
                "X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode context = JSON.readTree(response.body());
        assertThat(context.path("requestId").asText()).isEqualTo(executionId);
        assertThat(context.path("requestIdSeenByService").asText()).isEqualTo(executionId);
        assertThat(context.path("functionName").asText()).isEqualTo("context");
        assertThat(context.path("platform").asText()).isEqualTo("GOOGLE_CLOUD_FUNCTIONS");
        assertThat(context.path("traceId").asText()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(context.path("attempt").asInt()).isEqualTo(1);
        // CLOUD_RUN_TIMEOUT_SECONDS=30 less the 500 ms safety margin, not the 60 s default timeout
        assertThat(context.path("remainingMillis").asLong()).isBetween(20_000L, 29_500L);
    }

    @Test
    void laterInvocationsAreNotColdStarts() throws Exception {
        invoker.postJson("/greet", "{\"name\":\"Warm\"}");
        String executionId = "exec-" + UUID.randomUUID();
        assertThat(invoker.postJson("/context", "", "Function-Execution-Id", executionId).body())
                .contains("\"coldStart\":false");
    }

    @Test
    void getPassesTheQueryAsInput() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/greet?name=Grace").GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Grace!\"}");
    }

    @Test
    void aVoidFunctionAnswers204() throws Exception {
        HttpResponse<String> response = invoker.postJson("/audit", "{\"actor\":\"ada\",\"action\":\"login\"}");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void malformedJsonIsATypedClientErrorWithoutInternals() throws Exception {
        HttpResponse<String> response = invoker.postJson("/greet", "{\"name\":", "Function-Execution-Id", "bad-json-1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("malformed-json");
        assertThat(problem.path("type").asText()).isEqualTo("urn:quarkus-functions:problem:malformed-json");
        assertThat(problem.path("instance").asText()).isEqualTo("bad-json-1");
        assertThat(problem.path("detail").asText()).startsWith("The input is not valid JSON");
        assertNoInternals(response.body());
    }

    @Test
    void invalidInputListsTheViolations() throws Exception {
        HttpResponse<String> response = invoker.postJson("/greet", "{\"name\":\" \"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("validation-failed");
        assertThat(problem.path("violations").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void unknownFunctionIs404() throws Exception {
        HttpResponse<String> response = invoker.postJson("/does-not-exist", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("function-not-found");
    }

    @Test
    void errorsFollowTheErrorTable() throws Exception {
        HttpResponse<String> client = invoker.postJson("/fail", "{\"kind\":\"client\"}");
        assertThat(client.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(client.body()).path("code").asText()).isEqualTo("order-rejected");

        HttpResponse<String> transientError = invoker.postJson("/fail", "{\"kind\":\"transient\"}");
        assertThat(transientError.statusCode()).isEqualTo(503);
        assertThat(transientError.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(transientError.body()).path("code").asText()).isEqualTo("transient-error");

        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> internal = invoker.postJson("/fail", "{\"kind\":\"internal\"}",
                "Function-Execution-Id", executionId);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(internal.body()).path("detail").asText())
                .isEqualTo("The function failed. Quote request id " + executionId + " when reporting it.");
        assertThat(internal.body()).doesNotContain("hunter2");
        assertNoInternals(internal.body());

        // the log has what the response has not
        JsonNode error = invoker.awaitLine(ofRequest(executionId).and(line -> line.path("severity").asText().equals("ERROR")));
        assertThat(error.path("exception").path("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("exception").path("message").asText()).contains("hunter2");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeTheFunctionRuns() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        HttpResponse<String> response = invoker.postJson("/greet", big, "Function-Execution-Id", "too-big-1");

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("payload-too-large");
        assertThat(problem.path("detail").asText()).isEqualTo("The input is larger than the limit of 65536 bytes.");
        assertThat(problem.path("instance").asText()).isEqualTo("too-big-1");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/greet")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    @Test
    void browserProbesAre404() throws Exception {
        for (String path : List.of("/robots.txt", "/favicon.ico")) {
            HttpResponse<String> response = invoker.send(invoker.request(path).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aCloudEventOnTheRootIsRoutedByType() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", "evt-1")
                .header("ce-source", "/tests")
                .header("ce-type", "com.example.greeting.requested")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).hasValue("greet.output");
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
    }

    @Test
    void aCloudEventOnTheRootThatBreaksARuleIs400() throws Exception {
        HttpResponse<String> binary = invoker.send(invoker.request("/")
                .header("ce-specversion", "0.3").header("ce-id", "evt-2").header("ce-source", "/tests")
                .header("ce-type", "greet").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        HttpResponse<String> structured = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":5,\"source\":\"/tests\","
                        + "\"type\":\"greet\",\"data\":{\"name\":\"Ada\"}}"))
                .build());

        for (HttpResponse<String> response : List.of(binary, structured)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("invalid-cloudevent");
            assertNoInternals(response.body());
        }
        assertThat(JSON.readTree(binary.body()).path("detail").asText()).isEqualTo("The request is not a valid CloudEvent: "
                + "attribute 'specversion' (header ce-specversion) must be 1.0, the CloudEvents version this server "
                + "implements, not '0.3'.");
        assertThat(JSON.readTree(structured.body()).path("detail").asText()).isEqualTo("The request is not a valid "
                + "CloudEvent: attribute 'id' must be a JSON string, not a number.");
    }

    @Test
    void concurrentCallsAreServedInParallel() throws Exception {
        // warm the path first, so that the measure is about concurrency, not class loading
        assertThat(invoker.postJson("/slow", "{\"millis\":1}").statusCode()).isEqualTo(200);

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            calls.add(invoker.client().sendAsync(invoker.request("/slow").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"millis\":1000}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).join();
        Duration total = Duration.ofNanos(System.nanoTime() - start);

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.join().statusCode()).isEqualTo(200);
            assertThat(call.join().body()).isEqualTo("{\"sleptMillis\":1000}");
        }
        // serialised, ten calls of 1 s would take 10 s
        assertThat(total).as("ten calls of 1 s took %s", total)
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofMillis(2000));
    }

    static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("java.")
                .doesNotContain("com.fasterxml").doesNotContain("io.quarkiverse");
    }
}
