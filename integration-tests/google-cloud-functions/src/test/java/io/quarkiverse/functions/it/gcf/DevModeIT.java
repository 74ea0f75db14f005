package io.quarkiverse.functions.it.gcf;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.it.devmode.DevModeApp;
import io.quarkiverse.functions.it.devmode.EventConsoleBrowser;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;

/**
 * The Google Cloud Functions example in dev mode ({@code mvnw quarkus:dev}): the calls of docs/dev-mode.md answer as
 * the function's deployment would (the HTTP function, a Pub/Sub message pushed as a CloudEvent, a poison one), and the
 * Dev UI's event console sends a Pub/Sub event in headless Chromium.
 */
class DevModeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static DevModeApp app;

    @BeforeAll
    static void start() throws Exception {
        // a request that hangs fails the test rather than the build's time limit
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));
        app = DevModeApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anHttpRequestIsAnsweredByTheHttpFunction() {
        Response response = given().contentType("application/json").body("{\"name\":\"Ada\"}")
                .post(app.baseUrl() + "/greet");
        assertThat(response.statusCode()).as(app.logTail()).isEqualTo(200);
        assertThat(response.jsonPath().getString("message")).isEqualTo("Hello Ada!");
    }

    @Test
    void aPubSubMessageAsACloudEventIsHandledAndAPoisonOneAcknowledged() {
        Response handled = pubSub("{\"name\":\"Ada\"}");
        assertThat(handled.statusCode()).isEqualTo(200);
        assertThat(handled.header("ce-type")).isNotBlank();
        assertThat(handled.jsonPath().getString("message")).isEqualTo("Hello Ada!");

        Response poison = pubSub("{\"name\":\"\"}");
        assertThat(poison.statusCode()).as("acknowledged, so that Pub/Sub does not redeliver it").isEqualTo(204);
    }

    @Test
    void theRootListsTheFunctions() {
        Response list = given().get(app.baseUrl() + "/");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.jsonPath().getString("platform")).isEqualTo("Google Cloud Functions");
        assertThat(list.jsonPath().getList("functions.name")).contains("greet", "uploaded");
    }

    @Test
    void theEventConsoleSendsAPubSubEventAndShowsTheStatusAndTheLogLines() throws Exception {
        JsonNode page = EventConsoleBrowser.run(app.baseUrl(), "google-cloud-functions", "greet", "pubsub",
                "{\"name\":\"\"}");
        assertThat(page.get("platform").asText()).isEqualTo("Google Cloud Functions");
        assertThat(page.get("sampleEvent").asText()).contains("\"message\"").contains("\"data\"");

        JsonNode valid = page.get("valid");
        assertThat(valid.get("status").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(valid.get("body").asText()).path("message").asText()).startsWith("Hello ");
        assertThat(valid.get("invocations").get(0).get(1).asText()).isEqualTo("success");
        assertThat(valid.get("logs").asText()).contains("Greeting a caller");

        JsonNode invalid = page.get("invalid");
        assertThat(invalid.get("status").asInt()).isEqualTo(204);
        assertThat(invalid.get("invocations").get(0).get(2).asText()).isEqualTo("validation-failed");
        assertThat(page.get("replayed").get("status").asInt()).isEqualTo(204);
    }

    private static Response pubSub(String data) {
        String message = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
        return given().header("ce-specversion", "1.0").header("ce-id", "dev-" + System.nanoTime())
                .header("ce-source", "//pubsub.googleapis.com/projects/p/topics/t")
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished").contentType("application/json")
                .body("{\"message\":{\"data\":\"" + message + "\",\"messageId\":\"1\"},"
                        + "\"subscription\":\"projects/p/subscriptions/s\"}")
                .post(app.baseUrl() + "/greet");
    }
}
