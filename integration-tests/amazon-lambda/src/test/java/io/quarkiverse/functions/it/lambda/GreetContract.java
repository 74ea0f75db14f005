package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * {@code greet} exported, under a Runtime API of the tests' own: what every Lambda runtime (managed Java, native
 * {@code bootstrap}) must answer the same.
 */
abstract class GreetContract extends RuntimeContract {

    @Override
    Map<String, String> env() {
        return Map.of("QUARKUS_FUNCTIONS_EXPORT", "greet",
                // a small limit, so that an oversized response is cheap to produce
                "QUARKUS_FUNCTIONS_AMAZON_LAMBDA_MAX_RESPONSE_SIZE", "64K",
                "QUARKUS_FUNCTIONS_STARTUP_REPORT", "true");
    }

    /** The start-up report of this cold start, once the first invocation has been answered. */
    @Test
    void theStartupReportGivesThePhasesOfThisColdStart() throws Exception {
        api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        String output = lambda.outputContaining("Start-up report: ");
        String line = output.lines().filter(l -> l.contains("Start-up report: ")).findFirst().orElseThrow();
        // the application logs JSON lines: the report is the rest of the line's message
        String message = line.startsWith("{") ? Events.JSON.readTree(line).path("message").asText() : line;
        JsonNode report = Events.JSON.readTree(message.substring(message.indexOf("Start-up report: ") + 17));
        assertThat(report.path("platform").asText()).isEqualTo("amazon_lambda");
        assertThat(report.path("mode").asText()).isEqualTo(nativeImage() ? "native" : "jvm");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (JsonNode phase : report.path("phases")) {
            names.add(phase.path("name").asText());
            assertThat(phase.path("ms").asDouble()).as("phase %s", phase).isGreaterThanOrEqualTo(0);
        }
        assertThat(names).contains("runtime-init", "to-ready", "ready-to-first-event", "first-invocation");
        assertThat(report.path("firstResponseMs").asLong()).isGreaterThanOrEqualTo(report.path("readyMs").asLong());
    }

    /** Whether this contract runs against the native bootstrap. */
    boolean nativeImage() {
        return false;
    }

    @Test
    void directInvocationIsAnsweredWithTheGreeting() throws Exception {
        Posted reply = api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(lambda.output.toString()).isEqualTo("response");
        assertThat(Events.JSON.readTree(reply.body()).path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void sqsBatchReportsExactlyTheFailedRecord() throws Exception {
        Posted reply = api.invoke(Events.sqs("{\"name\":\"Ada\"}", "{\"name\":\"\"}", "{\"name\":\"Bo\"}").toString())
                .get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("response");
        JsonNode response = Events.JSON.readTree(reply.body());
        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("msg-2");
        assertThat(lambda.outputContaining("Poison record msg-2 rejected (validation-failed)"))
                .contains("The input violates 1 constraint: name: must not be blank.");
    }

    @Test
    void recordWithTrailingJsonIsPoison() throws Exception {
        Posted reply = api.invoke(Events.sqs("{\"name\":\"Ada\"}{\"name\":\"Bo\"}").toString())
                .get(60, TimeUnit.SECONDS);

        JsonNode failures = Events.JSON.readTree(reply.body()).path("batchItemFailures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("itemIdentifier").asText()).isEqualTo("msg-1");
    }

    @Test
    void recordThatIsNotJsonIsReportedAlone() throws Exception {
        Posted reply = api.invoke(Events.sqs("{\"name\":\"Ada\"}", "this is not JSON").toString())
                .get(60, TimeUnit.SECONDS);

        JsonNode failures = Events.JSON.readTree(reply.body()).path("batchItemFailures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("itemIdentifier").asText()).isEqualTo("msg-2");
        assertThat(lambda.outputContaining("Poison record msg-2 rejected (malformed-json)"))
                .contains("Poison record msg-2 rejected (malformed-json)");
    }

    @Test
    void successfulBatchAnswersAnEmptyFailureList() throws Exception {
        Posted reply = api.invoke(Events.sqs("{\"name\":\"Ada\"}", "{\"name\":\"Bo\"}").toString())
                .get(60, TimeUnit.SECONDS);

        assertThat(reply.body()).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void malformedPayloadIsAClientError() throws Exception {
        Posted reply = api.invoke("{\"name\":").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(FailContract.ERROR_TYPE_HEADER);
        JsonNode error = Events.JSON.readTree(reply.body());
        assertThat(error.path("errorType").asText()).endsWith("FunctionFailedException$ClientError");
        assertThat(error.path("errorMessage").asText()).startsWith("[malformed-json]");
    }

    @Test
    void trailingJsonIsMalformedNotTheFirstDocument() throws Exception {
        Posted reply = api.invoke("{\"name\":\"Ada\"} {\"name\":\"Bo\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(Events.JSON.readTree(reply.body()).path("errorMessage").asText()).startsWith("[malformed-json]");
    }

    @Test
    void validationErrorListsTheViolatedConstraints() throws Exception {
        Posted reply = api.invoke("{\"name\":\"\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(Events.JSON.readTree(reply.body()).path("errorMessage").asText()).startsWith(
                "[validation-failed] The input violates 1 constraint: name: must not be blank. (request ");
    }

    @Test
    void oversizedResponseIsReportedAsAnErrorNotSent() throws Exception {
        String name = "a".repeat(100 * 1024);
        Posted reply = api.invoke("{\"name\":\"" + name + "\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(reply.body()).doesNotContain(name);
        assertThat(Events.JSON.readTree(reply.body()).path("errorMessage").asText()).startsWith("[response-too-large]");
    }
}
