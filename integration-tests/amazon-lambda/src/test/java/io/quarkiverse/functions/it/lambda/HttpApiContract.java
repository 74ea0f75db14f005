package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * Without an export, one Lambda behind API Gateway serves every function by path, on every runtime.
 */
abstract class HttpApiContract extends RuntimeContract {

    @Override
    Map<String, String> env() {
        return Map.of();
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
    void restApiEventIsAnsweredWithAV1ResponseAndAProblemForBadInput() throws Exception {
        Posted ok = api.invoke(Events.restApi("POST", "/greet", "{\"name\":\"Bo\"}").toString()).get(60, TimeUnit.SECONDS);
        JsonNode response = Events.JSON.readTree(ok.body());
        assertThat(response.path("statusCode").asInt()).as(ok.body()).isEqualTo(200);
        assertThat(response.path("multiValueHeaders").path("Content-Type").get(0).asText()).isEqualTo("application/json");
        assertThat(Events.JSON.readTree(response.path("body").asText()).path("message").asText()).isEqualTo("Hello Bo!");

        Posted bad = api.invoke(Events.restApi("POST", "/greet", "{\"name\":\"\"}").toString()).get(60, TimeUnit.SECONDS);
        JsonNode problem = Events.JSON.readTree(bad.body());
        assertThat(problem.path("statusCode").asInt()).isEqualTo(400);
        assertThat(problem.path("multiValueHeaders").path("Content-Type").get(0).asText()).isEqualTo("application/problem+json");
        assertThat(Events.JSON.readTree(problem.path("body").asText()).path("code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void deadlineOfAnHttpCallIsAGatewayTimeout() throws Exception {
        Posted reply = api.invoke(Events.httpApi("POST", "/slow", "{\"millis\":3000}").toString()).get(60, TimeUnit.SECONDS);

        JsonNode response = Events.JSON.readTree(reply.body());
        assertThat(response.path("statusCode").asInt()).as(reply.body()).isEqualTo(504);
        assertThat(Events.JSON.readTree(response.path("body").asText()).path("code").asText()).isEqualTo("deadline-exceeded");
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
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(FailContract.ERROR_TYPE_HEADER);
        assertThat(Events.JSON.readTree(reply.body()).path("errorMessage").asText())
                .contains("QUARKUS_FUNCTIONS_EXPORT")
                .contains("greet");
    }
}
