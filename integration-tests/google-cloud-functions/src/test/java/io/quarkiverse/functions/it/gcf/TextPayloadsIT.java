package io.quarkiverse.functions.it.gcf;

import static io.quarkiverse.functions.it.gcf.InvokerProcess.ofRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Text payloads under Google's real invoker: a {@code String} function ({@code shout}, exported) receives a Pub/Sub
 * message's data as text whether the message comes as a CloudEvent or as a legacy event, a CloudEvent's text data,
 * and a {@code text/plain} request; and a validation failure's poison log line lists the violated constraints.
 */
class TextPayloadsIT {

    private static InvokerProcess events;
    private static InvokerProcess http;

    @BeforeAll
    static void start() throws Exception {
        events = InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, Map.of("QUARKUS_FUNCTIONS_EXPORT", "shout"));
        http = InvokerProcess.start(InvokerProcess.HTTP_ENTRY_POINT, Map.of("QUARKUS_FUNCTIONS_EXPORT", "shout"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (events != null) {
            events.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void pubSubCloudEventWithATextMessage() throws Exception {
        String data = "{\"subscription\":\"projects/example-project/subscriptions/s\",\"message\":{\"data\":\""
                + base64("sensor 7: 21.5 C") + "\",\"messageId\":\"11\",\"publishTime\":\"2024-05-18T12:13:20.101Z\"}}";
        HttpResponse<String> response = events.send(events.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", "11")
                .header("ce-source", "//pubsub.googleapis.com/projects/example-project/topics/readings")
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
        assertThat(response.body()).isEqualTo("SENSOR 7: 21.5 C!");
    }

    @Test
    void legacyPubSubEventWithATextMessage() throws Exception {
        String event = "{\"context\":{\"eventId\":\"12\",\"timestamp\":\"2024-05-18T12:13:19.209Z\","
                + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":\"pubsub.googleapis.com\","
                + "\"name\":\"projects/example-project/topics/readings\","
                + "\"type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
                + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\",\"data\":\""
                + base64("plain words") + "\"}}";
        HttpResponse<String> response = events.postJson("/", event);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("PLAIN WORDS!");
    }

    @Test
    void binaryCloudEventWithTextData() throws Exception {
        HttpResponse<String> response = events.send(events.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", "13")
                .header("ce-source", "/tests")
                .header("ce-type", "com.example.note")
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("note", StandardCharsets.UTF_8))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("NOTE!");
    }

    @Test
    void textPlainRequestToAnHttpFunction() throws Exception {
        HttpResponse<String> response = http.send(http.request("/")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
        assertThat(response.body()).isEqualTo("HELLO!");
    }

    @Test
    void aTextFunctionTakesTheWholePayloadNotItsFirstJsonDocument() throws Exception {
        assertThat(http.send(http.request("/").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1} {\"a\":2}")).build()).body())
                .as("text input is the whole payload").isEqualTo("{\"A\":1} {\"A\":2}!");
    }

    @Test
    void aValidationFailuresPoisonLogLineListsTheViolations() throws Exception {
        try (InvokerProcess greet = InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, Map.of())) {
            String executionId = "exec-" + UUID.randomUUID();
            HttpResponse<String> response = greet.send(greet.request("/")
                    .header("ce-specversion", "1.0")
                    .header("ce-id", "evt-v")
                    .header("ce-source", "/tests")
                    .header("ce-type", "greet")
                    .header("Content-Type", "application/json")
                    .header("Function-Execution-Id", executionId)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\" \"}"))
                    .build());

            assertThat(response.statusCode()).isEqualTo(204);
            JsonNode poison = greet.awaitLine(ofRequest(executionId).and(line -> line.path("severity").asText().equals("WARN")));
            assertThat(poison.path("message").asText()).endsWith(
                    "rejected with 400 validation-failed: The input violates 1 constraint: name: must not be blank.");
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
