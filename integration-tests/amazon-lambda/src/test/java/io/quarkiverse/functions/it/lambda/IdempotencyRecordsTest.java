package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The idempotent function {@code charge} (exported) behind Lambda's event sources: a record redelivered with the same
 * identity (SQS {@code messageId}, Kinesis and DynamoDB stream {@code eventID}) is answered with the first delivery's
 * outcome without charging again, and counts as processed in the partial batch response; an API Gateway request
 * repeated with one {@code Idempotency-Key} is answered with the first response and {@code Idempotent-Replayed: true}.
 * The side effect is observed in the application's {@link PaymentLedger}. Every id is new per test: the embedded
 * store lives as long as the application.
 */
@QuarkusTest
@TestProfile(IdempotencyRecordsTest.ExportCharge.class)
class IdempotencyRecordsTest {

    public static class ExportCharge implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.export", "charge");
        }
    }

    @Inject
    PaymentLedger ledger;

    @Test
    void anSqsBatchDeliveredTwiceChargesEachOrderOnce() throws Exception {
        // Given a batch of two charges
        String first = unique("sqs-a");
        String second = unique("sqs-b");
        ObjectNode batch = sqs(unique("m"), charge(first, 1250), unique("m"), charge(second, 300));

        // When SQS delivers it, and then delivers it again (same message ids)
        JsonNode delivered = json(MockEventServer.invoke(batch));
        JsonNode redelivered = json(MockEventServer.invoke(batch));

        // Then each order is charged once, and neither delivery reports a failed record
        assertThat(failedIds(delivered)).isEmpty();
        assertThat(failedIds(redelivered)).isEmpty();
        assertThat(ledger.chargesOf(first)).isEqualTo(1);
        assertThat(ledger.chargesOf(second)).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchWithOneNewRecordChargesOnlyTheNewOne() throws Exception {
        // Given a record that was delivered and charged
        String old = unique("old");
        String oldMessage = unique("m");
        MockEventServer.invoke(sqs(oldMessage, charge(old, 500)));
        assertThat(ledger.chargesOf(old)).isEqualTo(1);

        // When it comes again in a batch with a new record
        String fresh = unique("new");
        JsonNode response = json(MockEventServer.invoke(sqs(oldMessage, charge(old, 500), unique("m"), charge(fresh, 700))));

        // Then only the new record is charged
        assertThat(failedIds(response)).isEmpty();
        assertThat(ledger.chargesOf(old)).isEqualTo(1);
        assertThat(ledger.chargesOf(fresh)).isEqualTo(1);
    }

    @Test
    void aReplayedRecordIsNotReportedWhileAPoisonRecordOfTheSameBatchIs() throws Exception {
        // Given a record that ran: the ledger shows its charge
        String order = unique("ran");
        String message = unique("m");
        MockEventServer.invoke(sqs(message, charge(order, 900)));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);

        // When it is redelivered next to a record the function rejects (a blank order id)
        String poison = unique("m");
        JsonNode response = json(MockEventServer.invoke(sqs(message, charge(order, 900), poison, charge(" ", 900))));

        // Then the replay counts as processed: only the poison record is reported, and nothing was charged again
        assertThat(failedIds(response)).containsExactly(poison);
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void aKinesisRecordRedeliveredIsChargedOnce() throws Exception {
        // Given AWS's Kinesis event with a charge as the record's data, and an event id of its own
        String order = unique("kin");
        ObjectNode event = Events.load("kinesis/kinesis_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        String sequenceNumber = uniqueDigits();
        ((ObjectNode) record.get("kinesis")).put("sequenceNumber", sequenceNumber).put("data", base64(charge(order, 4200)));
        record.put("eventID", "shardId-000000000000:" + sequenceNumber);

        // When Lambda delivers it twice (a retried batch)
        JsonNode delivered = json(MockEventServer.invoke(event));
        JsonNode redelivered = json(MockEventServer.invoke(event));

        // Then the order is charged once, and the record is processed both times
        assertThat(failedIds(delivered)).isEmpty();
        assertThat(failedIds(redelivered)).isEmpty();
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void aDynamoDbStreamRecordRedeliveredIsChargedOnce() throws Exception {
        // Given AWS's DynamoDB stream event, its INSERT record with an item that is a charge (the new image, as plain
        // JSON, is the input) and an event id of its own
        String order = unique("ddb");
        ObjectNode event = Events.load("ddb/dynamo_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode insert = (ObjectNode) records.get(0);
        records.removeAll();
        records.add(insert);
        insert.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        ObjectNode image = ((ObjectNode) insert.get("dynamodb")).putObject("NewImage");
        image.putObject("orderId").put("S", order);
        image.putObject("amountCents").put("N", "2500");

        // When Lambda delivers it twice
        JsonNode delivered = json(MockEventServer.invoke(event));
        JsonNode redelivered = json(MockEventServer.invoke(event));

        // Then the order is charged once, and the record is processed both times
        assertThat(failedIds(delivered)).isEmpty();
        assertThat(failedIds(redelivered)).isEmpty();
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void anHttpApiRequestRepeatedWithOneIdempotencyKeyIsReplayed() throws Exception {
        // Given an HTTP API request with an Idempotency-Key header
        String order = unique("http");
        ObjectNode event = Events.httpApi("POST", "/charge", charge(order, 1999));
        ((ObjectNode) event.get("headers")).put("idempotency-key", UUID.randomUUID().toString());

        // When the client sends it twice
        JsonNode first = json(MockEventServer.invoke(event));
        JsonNode second = json(MockEventServer.invoke(event));

        // Then the second answer is the first one, marked as replayed, and the order is charged once
        assertThat(first.path("statusCode").asInt()).isEqualTo(200);
        assertThat(first.path("headers").has("Idempotent-Replayed")).as("first response: %s", first).isFalse();
        assertThat(Events.JSON.readTree(first.path("body").asText()).path("orderId").asText()).isEqualTo(order);
        assertThat(second.path("statusCode").asInt()).isEqualTo(200);
        assertThat(second.path("headers").path("Idempotent-Replayed").asText()).as("second response: %s", second)
                .isEqualTo("true");
        assertThat(second.path("body").asText()).isEqualTo(first.path("body").asText());
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    /**
     * The SQS fixture with one record per (message id, body) pair.
     */
    static ObjectNode sqs(String... idsAndBodies) {
        String[] bodies = new String[idsAndBodies.length / 2];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = idsAndBodies[2 * i + 1];
        }
        ObjectNode event = Events.sqs(bodies);
        for (int i = 0; i < bodies.length; i++) {
            ((ObjectNode) event.get("Records").get(i)).put("messageId", idsAndBodies[2 * i]);
        }
        return event;
    }

    static String charge(String order, long cents) {
        return "{\"orderId\":\"" + order + "\",\"amountCents\":" + cents + "}";
    }

    static JsonNode json(Response response) throws Exception {
        return Events.JSON.readTree(response.asString());
    }

    /**
     * @return the identifiers of a partial batch response, which must be one
     */
    static List<String> failedIds(JsonNode batchResponse) {
        assertThat(batchResponse.path("batchItemFailures").isArray()).as("a partial batch response: %s", batchResponse)
                .isTrue();
        List<String> ids = new ArrayList<>();
        batchResponse.path("batchItemFailures").forEach(failure -> ids.add(failure.path("itemIdentifier").asText()));
        return ids;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String uniqueDigits() {
        return "4959" + Long.toUnsignedString(UUID.randomUUID().getMostSignificantBits())
                + Long.toUnsignedString(UUID.randomUUID().getLeastSignificantBits());
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
