package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * {@code slow} exported, with its 1 s timeout: a call past its deadline is reported as such, and the next is served.
 */
abstract class DeadlineContract extends RuntimeContract {

    @Override
    Map<String, String> env() {
        return Map.of("QUARKUS_FUNCTIONS_EXPORT", "slow");
    }

    @Test
    void passedDeadlineIsATypedErrorAndTheProcessKeepsServing() throws Exception {
        Posted late = api.invoke("{\"millis\":3000}").get(60, TimeUnit.SECONDS);

        assertThat(late.endpoint()).as(lambda.output.toString()).isEqualTo("error");
        assertThat(late.header("Lambda-Runtime-Function-Error-Type")).matches(FailContract.ERROR_TYPE_HEADER);
        JsonNode error = Events.JSON.readTree(late.body());
        assertThat(error.path("errorType").asText()).endsWith("$DeadlineExceeded");
        assertThat(error.path("errorMessage").asText()).startsWith("[deadline-exceeded]");

        Posted quick = api.invoke("{\"millis\":10}").get(60, TimeUnit.SECONDS);
        assertThat(quick.endpoint()).isEqualTo("response");
        assertThat(Events.JSON.readTree(quick.body()).path("sleptMillis").asLong()).isEqualTo(10);
    }

    @Test
    void linesLoggedInALaterCallbackCarryTheInvocationsFields() throws Exception {
        int before = lambda.output.size();
        Posted reply = api.invoke("{\"millis\":20}").get(60, TimeUnit.SECONDS);
        assertThat(reply.endpoint()).isEqualTo("response");

        // logged by a callback that runs after the delay, on another thread than the one that called the function
        String output = lambda.outputContaining("Slept 20 ms", before);
        JsonNode line = null;
        for (String text : output.split("\n")) {
            if (text.startsWith("{") && text.contains("Slept 20 ms")) {
                line = Events.JSON.readTree(text);
            }
        }
        assertThat(line).as(output).isNotNull();
        assertThat(line.path("mdc").path("request_id").asText()).isEqualTo(reply.requestId());
        assertThat(line.path("mdc").path("function").asText()).isEqualTo("slow");
    }
}
