package io.quarkiverse.functions.it.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.devmode.DevModeApp;
import io.quarkiverse.functions.it.devmode.EventConsoleBrowser;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/**
 * The Lambda example in dev mode ({@code mvnw quarkus:dev}, as docs/dev-mode.md says): the functions answer on
 * {@code POST /<function>} as their deployment would (a direct invocation, an SQS batch with its batch item failures),
 * and the Dev UI's event console, driven in headless Chromium, sends an SQS batch and shows the reply, the outcome of
 * each record and the log lines.
 */
class DevModeIT {

    static DevModeApp app;

    @BeforeAll
    static void start() throws Exception {
        // a request that hangs fails the test rather than the build's time limit
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));
        // the example pins the Runtime API's port for its tests; dev mode here takes any free one
        app = DevModeApp.start("quarkus.lambda.mock-event-server.dev-port=0");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDirectInvocationIsAnsweredWithTheFunctionsResult() {
        Response response = given().body("{\"name\":\"Ada\"}").post(app.baseUrl() + "/greet");
        assertThat(response.statusCode()).as(app.logTail()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("message")).isEqualTo("Hello Ada!");
    }

    @Test
    void aFailedDirectInvocationIsAnsweredAsLambdasInvokeApiDoes() {
        Response response = given().body("{\"name\":\"\"}").post(app.baseUrl() + "/greet");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("x-amz-function-error")).isEqualTo("Unhandled");
        assertThat(response.jsonPath().getString("errorType")).endsWith("ClientError");
        assertThat(response.jsonPath().getString("errorMessage")).contains("validation-failed").doesNotContain("\tat ");
    }

    @Test
    void anSqsBatchIsAnsweredWithItsBatchItemFailures() {
        String batch = Events.sqs("{\"name\":\"Ada\"}", "{\"name\":\"\"}", "{\"name\":\"Grace\"}").toString();
        Response response = given().body(batch).post(app.baseUrl() + "/greet");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("batchItemFailures.itemIdentifier")).containsExactly("msg-2");
    }

    @Test
    void theRootListsTheFunctionsAndAnUnknownOneIsNamedInA404() {
        Response list = given().get(app.baseUrl() + "/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.jsonPath().getString("platform")).isEqualTo("AWS Lambda");
        assertThat(list.jsonPath().getList("functions.name")).contains("greet", "fail", "slow");
        Response unknown = given().body("{}").post(app.baseUrl() + "/gret");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("detail")).contains("'gret'");
        assertThat(unknown.jsonPath().getList("functions.name")).contains("greet");
    }

    @Test
    void theEventConsoleSendsAnSqsBatchAndShowsTheReplyTheOutcomeAndTheLogLines() throws Exception {
        JsonNode page = EventConsoleBrowser.run(app.baseUrl(), "amazon-lambda", "greet", "sqs", "{\"name\":\"\"}");
        assertThat(page.get("platform").asText()).isEqualTo("AWS Lambda");
        assertThat(page.get("functions").findValuesAsText("name")).contains("greet", "fail", "slow", "shout");
        assertThat(page.get("sampleEvent").asText()).contains("\"Records\"").contains("aws:sqs");

        JsonNode valid = page.get("valid");
        assertThat(valid.get("status").asInt()).isEqualTo(200);
        assertThat(Events.JSON.readTree(valid.get("body").asText()).get("batchItemFailures")).isEmpty();
        assertThat(valid.get("invocations")).hasSize(1);
        assertThat(valid.get("invocations").get(0).get(1).asText()).isEqualTo("success");
        assertThat(valid.get("logs").asText()).contains("Greeting a caller").contains(valid.get("requestId").asText());

        JsonNode invalid = page.get("invalid");
        JsonNode failures = Events.JSON.readTree(invalid.get("body").asText()).get("batchItemFailures");
        assertThat(failures).hasSize(1);
        assertThat(invalid.get("invocations").get(0).get(1).asText()).isEqualTo("client");
        assertThat(invalid.get("invocations").get(0).get(2).asText()).isEqualTo("validation-failed");
        // the record's request id is the invocation's, then "/" and the record's message id
        assertThat(invalid.get("invocations").get(0).get(0).asText())
                .isEqualTo(invalid.get("requestId").asText() + "/" + failures.get(0).get("itemIdentifier").asText());

        JsonNode replayed = page.get("replayed");
        assertThat(replayed.get("requestId").asText()).isNotEqualTo(invalid.get("requestId").asText());
        assertThat(Events.JSON.readTree(replayed.get("body").asText()).get("batchItemFailures")).isEqualTo(failures);
    }
}
