package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.it.TextFunctions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Records whose bodies are plain text reach a {@code String} function as text, from every source: none of them
 * declares a media type, so the function's input type decides how a record is read. Bodies the source base64-encodes
 * (Kinesis, Kafka, Amazon MQ) are decoded first.
 */
@QuarkusTest
@TestProfile(TextRecordsTest.ExportShout.class)
class TextRecordsTest {

    public static class ExportShout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.export", "shout");
        }
    }

    @Inject
    TextFunctions texts;

    @BeforeEach
    void forget() {
        texts.heard().clear();
    }

    @Test
    void sqsPlainTextBodies() throws Exception {
        JsonNode response = Events.JSON.readTree(
                MockEventServer.invoke(Events.sqs("order 42 shipped", "not { json", "\"quoted\"")).asString());

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(texts.heard()).containsExactly("order 42 shipped", "not { json", "\"quoted\"");
    }

    @Test
    void kinesisTextData() throws Exception {
        ObjectNode event = Events.load("kinesis/kinesis_event.json");
        ((ObjectNode) event.get("Records").get(0).get("kinesis")).put("data", base64("temperature=21.5"));

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(texts.heard()).first().isEqualTo("temperature=21.5");
    }

    @Test
    void snsTextMessage() {
        ObjectNode event = Events.load("sns/sns_event.json");
        ((ObjectNode) event.get("Records").get(0).get("Sns")).put("Message", "plain words");

        assertThat(MockEventServer.invoke(event).statusCode()).isEqualTo(204);
        assertThat(texts.heard()).containsExactly("plain words");
    }

    @Test
    void kafkaRecordValuesInOrder() {
        ObjectNode event = Events.load("kafka/kafka_event.json");
        ArrayNode partition = (ArrayNode) event.get("records").elements().next();
        ObjectNode second = partition.get(0).deepCopy();
        second.put("offset", 16).put("value", base64("second"));
        partition.add(second);

        assertThat(MockEventServer.invoke(event).statusCode()).isEqualTo(204);
        // the fixture's own value, then ours
        assertThat(texts.heard()).containsExactly("Hello from Kafka !!", "second");
    }

    @Test
    void activeMqMessageData() {
        ObjectNode event = Events.load("mq/mq_event.json");
        ArrayNode messages = (ArrayNode) event.get("messages");
        messages.remove(1);
        ((ObjectNode) messages.get(0)).put("data", base64("ABC:AAAA"));

        assertThat(MockEventServer.invoke(event).statusCode()).isEqualTo(204);
        assertThat(texts.heard()).containsExactly("ABC:AAAA");
    }

    @Test
    void rabbitMqMessageData() {
        ObjectNode event = Events.load("mq/rabbitmq_event.json");
        ((ObjectNode) event.get("rmqMessagesByQueue").elements().next().get(0)).put("data", base64("hop"));

        assertThat(MockEventServer.invoke(event).statusCode()).isEqualTo(204);
        assertThat(texts.heard()).containsExactly("hop");
    }

    @Test
    void aDirectInvocationIsJsonByLambdasContract() {
        Response response = MockEventServer.invoke("\"Ada\"");

        assertThat(response.asString()).as("a String result is a JSON string").isEqualTo("\"ADA!\"");
        assertThat(texts.heard()).containsExactly("Ada");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
