package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * Function errors on direct invocation, reported to {@code /error} with Lambda's error-type header, on every runtime.
 */
abstract class FailContract extends RuntimeContract {

    static final String ERROR_TYPE_HEADER = "(Runtime|Function)\\.[A-Z][a-zA-Z]+";

    @Override
    Map<String, String> env() {
        return Map.of("QUARKUS_FUNCTIONS_EXPORT", "fail");
    }

    @Test
    void clientErrorIsReportedWithItsTypeCodeAndNoStackTrace() throws Exception {
        Posted reply = api.invoke("{\"kind\":\"client\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(lambda.output.toString()).isEqualTo("error");
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(ERROR_TYPE_HEADER);
        JsonNode error = Events.JSON.readTree(reply.body());
        assertThat(error.path("errorType").asText())
                .isEqualTo("io.quarkiverse.functions.amazonlambda.runtime.FunctionFailedException$ClientError");
        assertThat(error.path("errorMessage").asText())
                .startsWith("[order-rejected] The order cannot be accepted as sent.")
                .doesNotContain("\tat ");
        assertThat(error.path("stackTrace")).isEmpty();
    }

    @Test
    void transientErrorIsReportedAsTransient() throws Exception {
        Posted reply = api.invoke("{\"kind\":\"transient\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(ERROR_TYPE_HEADER);
        assertThat(Events.JSON.readTree(reply.body()).path("errorType").asText()).endsWith("$TransientError");
    }

    @Test
    void internalErrorKeepsItsMessageInTheLogs() throws Exception {
        Posted reply = api.invoke("{\"kind\":\"internal\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(ERROR_TYPE_HEADER);
        JsonNode error = Events.JSON.readTree(reply.body());
        assertThat(error.path("errorType").asText()).endsWith("$InternalFailure");
        assertThat(reply.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException");
        assertThat(lambda.outputContaining("hunter2")).contains("hunter2");
    }

    @Test
    void deadlineFromTheRuntimeApiIsInTheContextAndTheProcessKeepsServing() throws Exception {
        Posted reply = api.invoke("{\"kind\":\"none\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("response");
        assertThat(reply.body()).isEqualTo("\"no failure asked\"");
    }
}
