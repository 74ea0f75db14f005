package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The async bridge on the Kafka queue with its job states in Redis: {@code Prefer: respond-async} is answered
 * {@code 202}, the job travels as a record of the topic (key: its id), a worker of this instance runs it, and its
 * {@code Location} (with {@code Prefer: wait}, so no polling) and its state in Redis say {@code succeeded} with the
 * result. An {@code Idempotency-Key} on async calls gives one job and one charge. A job of an idempotent function
 * whose key a dead instance's delivery still holds waits for the key rather than being dead-lettered unrun.
 */
@QuarkusTest
@WithTestResource(value = RedisAndKafka.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaBridgeTest {

    static final String PREFIX = "scale-out:";
    static final String TOPIC = "scale-out-jobs";

    @Inject
    PaymentLedger ledger;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.functions.kafka.bootstrap-servers")
    String bootstrapServers;

    @Test
    void anAsyncCallIsAKafkaRecordAndEndsSucceededInRedis() {
        // When
        Response accepted = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body("{\"name\":\"Ada\"}").when().post("/greet");

        // Then
        accepted.then().statusCode(202)
                .header("Location", matchesPattern("/greet/jobs/[0-9a-f-]{36}"))
                .header("Preference-Applied", "respond-async")
                .body("status", equalTo("pending"));
        String location = accepted.header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().header("Prefer", "wait=30").when().get(location)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("function", equalTo("greet"))
                .body("status", equalTo("succeeded"))
                .body("attempts", equalTo(1))
                .body("result.message", equalTo("Hello Ada!"));
        assertThat(redis.value(String.class).get(PREFIX + "job:greet:" + id))
                .contains("\"status\":\"succeeded\"").contains("\"message\":\"Hello Ada!\"");
        assertThat(recordOf(id)).as("the job's record on %s", TOPIC)
                .contains("\"function\":\"greet\"").contains("\"id\":\"" + id + "\"");
    }

    @Test
    void oneIdempotencyKeyOnAsyncCallsIsOneJob() {
        String order = "async-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\",\"amountCents\":700}";

        Response first = asyncCharge(key, body);
        Response second = asyncCharge(key, body);

        first.then().statusCode(202).header("Idempotent-Replayed", (String) null);
        second.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        given().header("Prefer", "wait=30").when().get(first.header("Location"))
                .then().statusCode(200).body("status", equalTo("succeeded")).body("result.orderId", equalTo(order));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
        String id = first.header("Location").substring(first.header("Location").lastIndexOf('/') + 1);
        assertThat(redis.value(String.class).get(PREFIX + "jobkey:charge:" + key)).startsWith(id + " ");
    }

    /**
     * A process killed while running a delivery of an idempotent function leaves its in-progress marker until that
     * delivery's deadline. Simulated here by writing such a marker (the format of IdempotencyRecords) with 4 s to
     * live: the job's first attempt finds the key held and waits for the marker's end (not the 1 s, then 2 s,
     * backoff, whose three attempts would all find it held), and its second attempt charges.
     */
    @Test
    void aJobWhoseKeyADeadDeliveryHoldsRunsOnceTheKeyIsFree() throws Exception {
        String order = "held-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\",\"amountCents\":300}";
        long until = System.currentTimeMillis() + 4000;
        redis.value(String.class).set(PREFIX + "idempotency:charge:" + key,
                "{\"state\":\"running\",\"input\":\"" + fingerprint(body) + "\",\"token\":\"killed-instance\","
                        + "\"until\":" + until + "}",
                new SetArgs().px(4000));

        Response accepted = asyncCharge(key, body);

        accepted.then().statusCode(202);
        given().header("Prefer", "wait=30").when().get(accepted.header("Location"))
                .then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("attempts", equalTo(2))
                .body("result.orderId", equalTo(order));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    private static Response asyncCharge(String key, String body) {
        return given().contentType(ContentType.JSON).header("Prefer", "respond-async").header("Idempotency-Key", key)
                .body(body).when().post("/charge");
    }

    /** SHA-256 of the input's bytes, base64url: the fingerprint idempotency records carry. */
    private static String fingerprint(String body) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads the topic from its start, with no group, until the record keyed by the job's id (bounded). */
    private String recordOf(String jobId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(TOPIC, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(TOPIC, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() - deadline < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        return record.value();
                    }
                }
                boolean atEnd = true;
                for (TopicPartition partition : partitions) {
                    atEnd &= consumer.position(partition) >= ends.get(partition);
                }
                if (atEnd) {
                    break;
                }
            }
            return null;
        }
    }
}
