package io.quarkiverse.functions.it.lambda;

import static io.quarkiverse.functions.it.lambda.IdempotencyRecordsTest.charge;
import static io.quarkiverse.functions.it.lambda.IdempotencyRecordsTest.failedIds;
import static io.quarkiverse.functions.it.lambda.IdempotencyRecordsTest.json;
import static io.quarkiverse.functions.it.lambda.IdempotencyRecordsTest.sqs;
import static io.quarkiverse.functions.it.lambda.IdempotencyRecordsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same SQS batch delivered twice, with the records kept in a real Redis (quarkus-functions-redis, on the test class
 * path only): each order is charged once, and the record of each message is in Redis, keyed on its {@code messageId}.
 */
@QuarkusTest
@TestProfile(IdempotencyRedisTest.ChargeOnRedis.class)
class IdempotencyRedisTest {

    public static class ChargeOnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.export", "charge", "quarkus.functions.redis.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Redis.class));
        }
    }

    /** A real redis-server for this class's application. */
    public static class Redis implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + RedisServer.start(null));
        }

        @Override
        public void stop() {
            RedisServer.stop();
        }
    }

    @Inject
    PaymentLedger ledger;

    @Inject
    RedisDataSource redis;

    @Test
    void anSqsBatchDeliveredTwiceChargesEachOrderOnce() throws Exception {
        // Given a batch of two charges
        String first = unique("redis-a");
        String second = unique("redis-b");
        String firstMessage = unique("m");
        ObjectNode batch = sqs(firstMessage, charge(first, 1250), unique("m"), charge(second, 300));

        // When SQS delivers it, and then delivers it again
        JsonNode delivered = json(MockEventServer.invoke(batch));
        JsonNode redelivered = json(MockEventServer.invoke(batch));

        // Then each order is charged once, no record failed, and the outcome is recorded in Redis
        assertThat(failedIds(delivered)).isEmpty();
        assertThat(failedIds(redelivered)).isEmpty();
        assertThat(ledger.chargesOf(first)).isEqualTo(1);
        assertThat(ledger.chargesOf(second)).isEqualTo(1);
        String record = redis.value(String.class).get("quarkus-functions:idempotency:charge:" + firstMessage);
        assertThat(record).contains("\"state\":\"done\"").contains("\"body\":");
        assertThat(redis.key().pttl("quarkus-functions:idempotency:charge:" + firstMessage))
                .as("the record expires after quarkus.functions.idempotency.expiry").isBetween(1L, 3_600_000L);
    }
}
