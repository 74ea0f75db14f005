package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * Without an export, one Lambda behind an HTTP API serves every function by path.
 */
class HttpApiUnderRuntimeClientIT {

    static RuntimeApiServer api;
    static LambdaProcess lambda;

    @BeforeAll
    static void start() throws Exception {
        api = new RuntimeApiServer();
        lambda = LambdaProcess.start(api, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        api.close();
    }

    @Test
    void httpApiEventForGreetIsAnsweredWithAV2Response() throws Exception {
        Posted reply = api.invoke(Events.httpApi("POST", "/greet", "{\"name\":\"Ada\"}").toString())
                .get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(lambda.output.toString()).isEqualTo("response");
        JsonNode response = Events.JSON.readTree(reply.body());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/json");
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(Events.JSON.readTree(response.path("body").asText()).path("message").asText()).isEqualTo("Hello Ada!");
        // Lambda's request id is the request id
        assertThat(response.path("headers").path("X-Request-Id").asText()).isNotEmpty();
    }

    @Test
    void contextCarriesTheLambdaDeadlineAndTrace() throws Exception {
        Posted reply = api.invoke(Events.httpApi("POST", "/context", "").toString()).get(60, TimeUnit.SECONDS);

        JsonNode context = Events.JSON.readTree(Events.JSON.readTree(reply.body()).path("body").asText());
        assertThat(context.path("platform").asText()).isEqualTo("AMAZON_LAMBDA");
        // the server's deadline is 30 s away, less the 500 ms safety margin
        assertThat(context.path("remainingMillis").asLong()).isBetween(1L, 29_500L);
        assertThat(context.path("traceId").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
    }

    @Test
    void directInvocationWithSeveralFunctionsAndNoExportSaysWhatToSet() throws Exception {
        Posted reply = api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(Events.JSON.readTree(reply.body()).path("errorMessage").asText())
                .contains("QUARKUS_FUNCTIONS_EXPORT")
                .contains("greet");
    }
}
