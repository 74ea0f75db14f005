package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Queue, stream and notification events, one invocation per record, with the exported function {@code fail}: its
 * input {@code {"kind": ...}} decides each record's outcome.
 */
@QuarkusTest
@TestProfile(RecordEventsTest.ExportFail.class)
class RecordEventsTest {

    public static class ExportFail implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.export", "fail");
        }
    }

    @Test
    void sqsPoisonAndTransientRecordsAreReported() throws Exception {
        JsonNode response = json(MockEventServer.invoke(
                Events.sqs("{\"kind\":\"none\"}", "{\"kind\":\"client\"}", "{\"kind\":\"transient\"}")));

        assertThat(ids(response)).containsExactly("msg-2", "msg-3");
    }

    @Test
    void sqsFifoReportsEveryRecordAfterTheFirstFailure() throws Exception {
        ObjectNode event = Events.sqs("{\"kind\":\"none\"}", "{\"kind\":\"transient\"}", "{\"kind\":\"none\"}");
        for (JsonNode record : event.get("Records")) {
            ((ObjectNode) record).put("eventSourceARN", "arn:aws:sqs:eu-central-1:123456789012:orders.fifo");
        }

        assertThat(ids(json(MockEventServer.invoke(event)))).containsExactly("msg-2", "msg-3");
    }

    @Test
    void kinesisRecordsAreReportedBySequenceNumber() throws Exception {
        ObjectNode event = Events.load("kinesis/kinesis_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode failing = records.get(0).deepCopy();
        ((ObjectNode) failing.get("kinesis")).put("sequenceNumber", "49590338271490256608559692540925702759324208523137515618")
                .put("data", base64("{\"kind\":\"transient\"}"));
        ((ObjectNode) records.get(0).get("kinesis")).put("data", base64("{\"kind\":\"none\"}"));
        records.add(failing);

        assertThat(ids(json(MockEventServer.invoke(event))))
                .containsExactly("49590338271490256608559692540925702759324208523137515618");
    }

    @Test
    void dynamoDbNewImagesAreThePlainJsonInput() throws Exception {
        ObjectNode event = Events.load("ddb/dynamo_event.json");
        JsonNode last = event.get("Records").get(2);
        ((ObjectNode) last.get("dynamodb")).putObject("NewImage").putObject("kind").put("S", "transient");

        JsonNode response = json(MockEventServer.invoke(event));

        assertThat(ids(response)).containsExactly(last.get("dynamodb").get("SequenceNumber").asText());
    }

    @Test
    void snsClientErrorIsDroppedAsPoison() {
        ObjectNode event = Events.load("sns/sns_event.json");
        ((ObjectNode) event.get("Records").get(0).get("Sns")).put("Message", "{\"kind\":\"client\"}");

        Response response = MockEventServer.invoke(event);

        assertThat(response.statusCode()).as("acknowledged, empty response").isEqualTo(204);
    }

    @Test
    void snsTransientErrorFailsTheInvocationSoLambdaRetries() {
        ObjectNode event = Events.load("sns/sns_event.json");
        ((ObjectNode) event.get("Records").get(0).get("Sns")).put("Message", "{\"kind\":\"transient\"}");

        Response response = MockEventServer.invoke(event);

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(response.header("X-Amz-Function-Error")).isEqualTo("Unhandled");
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("errorType")).endsWith("TransientError");
    }

    @Test
    void eventBridgeDetailIsTheInput() {
        ObjectNode event = Events.load("eventbridge/cloudwatch_event.json");
        event.putObject("detail").put("kind", "transient");
        assertThat(MockEventServer.invoke(event).asString()).contains("TransientError");

        event.putObject("detail").put("kind", "none");
        assertThat(MockEventServer.invoke(event).statusCode()).isEqualTo(204);
    }

    @Test
    void s3RecordIsTheInput() {
        assertThat(MockEventServer.invoke(Events.load("s3/s3_event.json")).statusCode()).isEqualTo(204);
    }

    @Test
    void directInvocationGoesToTheExport() {
        Response response = MockEventServer.invoke("{\"kind\":\"client\"}");

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(response.asString()).contains("ClientError").contains("order-rejected").doesNotContain("\tat ");
    }

    private static JsonNode json(Response response) throws Exception {
        return Events.JSON.readTree(response.asString());
    }

    private static List<String> ids(JsonNode batchResponse) {
        List<String> ids = new ArrayList<>();
        batchResponse.path("batchItemFailures").forEach(failure -> ids.add(failure.path("itemIdentifier").asText()));
        assertThat(batchResponse.has("batchItemFailures")).as("a partial batch response: %s", batchResponse).isTrue();
        return ids;
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
