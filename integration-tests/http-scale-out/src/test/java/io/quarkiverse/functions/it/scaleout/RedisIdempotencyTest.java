package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Idempotent functions with their records in a real Redis, as every instance of a scaled-out app shares them: a
 * repeated request ({@code Idempotency-Key}) and a redelivered Pub/Sub CloudEvent ({@code ce-source} + {@code ce-id})
 * are answered with the recorded response and charge once, the records are in Redis under the configured key prefix,
 * and a repeat while the first call still runs is {@code 409} with {@code Retry-After}, the in-progress marker being
 * visible in Redis meanwhile.
 */
@QuarkusTest
@WithTestResource(value = RedisAndKafka.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisIdempotencyTest {

    static final String PREFIX = "scale-out:";
    static final String PROBLEM = "application/problem+json";

    @Inject
    PaymentLedger ledger;

    @Inject
    RedisDataSource redis;

    @Test
    void theSameRequestSentTwiceWithOneKeyChargesOnceAndIsRecordedInRedis() {
        String order = "o-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Response first = charge(key, order, 1250);
        Response second = charge(key, order, 1250);

        first.then().statusCode(200).contentType(ContentType.JSON).header("Idempotent-Replayed", (String) null)
                .body("orderId", equalTo(order));
        second.then().statusCode(200).contentType(ContentType.JSON).header("Idempotent-Replayed", "true");
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(ledger.chargesOf(order)).isEqualTo(1);

        String record = redis.value(String.class).get(PREFIX + "idempotency:charge:" + key);
        assertThat(record).contains("\"state\":\"done\"").contains("\"type\":\"JSON\"");
        assertThat(redis.key().pttl(PREFIX + "idempotency:charge:" + key)).as("the record expires").isPositive();
    }

    @Test
    void aPubSubEventDeliveredTwiceChargesOnce() {
        String order = "ps-" + UUID.randomUUID();
        String source = "//pubsub.googleapis.com/projects/shop/topics/charges";
        String id = "msg-" + UUID.randomUUID();

        Response first = pubSub(source, id, order);
        Response second = pubSub(source, id, order);

        first.then().statusCode(200).header("ce-type", "charge.output").header("Idempotent-Replayed", (String) null)
                .body("orderId", equalTo(order));
        second.then().statusCode(200).header("ce-type", "charge.output").header("Idempotent-Replayed", "true");
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
        assertThat(redis.value(String.class).get(PREFIX + "idempotency:charge:" + source + " " + id))
                .contains("\"state\":\"done\"");

        // another message (another ce-id) of the same data is another delivery: it charges
        pubSub(source, id + "-2", order).then().statusCode(200).header("Idempotent-Replayed", (String) null);
        assertThat(ledger.chargesOf(order)).isEqualTo(2);
    }

    @Test
    void aRepeatWhileTheFirstRunsIsAConflictThenAReplay() throws Exception {
        String key = UUID.randomUUID().toString();
        String storeKey = PREFIX + "idempotency:slow:" + key;
        String body = "{\"millis\":3000}";

        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> slow(key, body));
        String marker = awaitValue(storeKey);
        assertThat(marker).contains("\"state\":\"running\"");

        Response second = slow(key, body);
        second.then().statusCode(409).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("idempotency-in-progress"));

        first.get(60, TimeUnit.SECONDS).then().statusCode(200).header("Idempotent-Replayed", (String) null)
                .body("sleptMillis", equalTo(3000));
        assertThat(redis.value(String.class).get(storeKey)).contains("\"state\":\"done\"");
        slow(key, body).then().statusCode(200).header("Idempotent-Replayed", "true").body("sleptMillis", equalTo(3000));
    }

    /**
     * Reads the key until Redis holds it. Bounded; the short pause between rounds only paces the polling.
     */
    private String awaitValue(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String value = redis.value(String.class).get(key);
            if (value != null) {
                return value;
            }
            assertThat(System.nanoTime() - deadline).as("%s never appeared in Redis", key).isNegative();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static Response charge(String key, String order, long cents) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"orderId\":\"" + order + "\",\"amountCents\":" + cents + "}")
                .when().post("/charge");
    }

    private static Response slow(String key, String body) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).when().post("/slow");
    }

    /** A Pub/Sub push in binary mode, its data the Charge (the HTTP binding's input is the event's data). */
    private static Response pubSub(String source, String id, String order) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", source)
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                .contentType(ContentType.JSON).body("{\"orderId\":\"" + order + "\",\"amountCents\":990}")
                .when().post("/");
    }
}
