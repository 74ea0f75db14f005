package io.quarkiverse.functions.it.gcf;

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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The idempotent function {@code charge} (exported) under Google's real invoker: a Pub/Sub message redelivered as the
 * same event (a CloudEvent with the same {@code ce-source} and {@code ce-id}, or a legacy background event with the
 * same {@code eventId}) is acknowledged with the first delivery's reply and {@code Idempotent-Replayed: true}, without
 * charging again.
 * <p>
 * The application runs in the invoker's process, so its ledger cannot be read from here: the side effect is observed
 * through the charge ids of the replies, which the ledger numbers with every charge it makes. A repeat answers the
 * first charge id; a new event after it gets the next one, which shows that the repeat made no charge in between.
 */
class IdempotentEventsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
    private static final String TOPIC = "projects/example-project/topics/payments";

    private static InvokerProcess invoker;

    @BeforeAll
    static void start() throws Exception {
        invoker = InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, Map.of("QUARKUS_FUNCTIONS_EXPORT", "charge"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (invoker != null) {
            invoker.close();
        }
    }

    @Test
    void aPubSubCloudEventDeliveredTwiceIsChargedOnce() throws Exception {
        // Given a Pub/Sub message with a charge, as Eventarc delivers it (binary mode)
        String order = unique("ps");
        String messageId = unique("msg");

        // When it is delivered twice, then once more as a new message
        HttpResponse<String> first = invoker.send(pubSub(messageId, order, 1250));
        HttpResponse<String> second = invoker.send(pubSub(messageId, order, 1250));
        HttpResponse<String> next = invoker.send(pubSub(unique("msg"), order, 1250));

        // Then the repeat is acknowledged with the first reply, and only the new message made a charge after it
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        JsonNode receipt = JSON.readTree(first.body());
        assertThat(receipt.path("orderId").asText()).isEqualTo(order);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(JSON.readTree(second.body()).path("chargeId").asText()).isEqualTo(receipt.path("chargeId").asText());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(chargeNumber(next)).isEqualTo(chargeNumber(first) + 1);
    }

    @Test
    void aLegacyPubSubEventDeliveredTwiceIsChargedOnce() throws Exception {
        // Given a Pub/Sub message with a charge, as Cloud Functions (1st gen) delivers it
        String order = unique("legacy");
        String eventId = unique("evt");

        // When it is delivered twice, then once more as a new event
        HttpResponse<String> first = invoker.postJson("/", legacyPubSub(eventId, order, 800));
        HttpResponse<String> second = invoker.postJson("/", legacyPubSub(eventId, order, 800));
        HttpResponse<String> next = invoker.postJson("/", legacyPubSub(unique("evt"), order, 800));

        // Then the repeat is acknowledged with the first reply, and only the new event made a charge after it
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(JSON.readTree(first.body()).path("orderId").asText()).isEqualTo(order);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(chargeNumber(next)).isEqualTo(chargeNumber(first) + 1);
    }

    private static HttpRequest pubSub(String messageId, String order, long cents) {
        String data = "{\"message\":{\"data\":\"" + base64(charge(order, cents)) + "\",\"messageId\":\"" + messageId
                + "\",\"publishTime\":\"2024-05-18T12:13:20.101Z\"},"
                + "\"subscription\":\"projects/example-project/subscriptions/eventarc-charge\"}";
        return invoker.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", messageId)
                .header("ce-source", "//pubsub.googleapis.com/" + TOPIC)
                .header("ce-type", PUBLISHED)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data))
                .build();
    }

    private static String legacyPubSub(String eventId, String order, long cents) {
        return "{\"context\":{\"eventId\":\"" + eventId + "\",\"timestamp\":\"2024-05-18T12:13:19.209Z\","
                + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":\"pubsub.googleapis.com\","
                + "\"name\":\"" + TOPIC + "\",\"type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
                + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\",\"data\":\""
                + base64(charge(order, cents)) + "\"}}";
    }

    private static String charge(String order, long cents) {
        return "{\"orderId\":\"" + order + "\",\"amountCents\":" + cents + "}";
    }

    /**
     * @return {@code n} of the reply's charge id {@code ch-<n>}: the ledger's count of charges when it was made
     */
    private static long chargeNumber(HttpResponse<String> reply) throws Exception {
        String chargeId = JSON.readTree(reply.body()).path("chargeId").asText();
        assertThat(chargeId).as("charge id of %s", reply.body()).matches("ch-\\d+");
        return Long.parseLong(chargeId.substring("ch-".length()));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
