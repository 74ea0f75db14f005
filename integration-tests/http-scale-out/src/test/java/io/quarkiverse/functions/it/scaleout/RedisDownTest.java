package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Redis gone: an idempotent function is never run unprotected. Once the server is stopped, a call with an
 * {@code Idempotency-Key}, and one with a business key in the input, are answered {@code 503}
 * {@code idempotency-store-unavailable} with {@code Retry-After}, and the ledger shows the function did not run; an
 * async call is refused too, since its job state cannot be kept. Its own application and Redis (no Kafka, no
 * workers), as it stops the server.
 */
@QuarkusTest
@TestProfile(RedisDownTest.NoWorkers.class)
@WithTestResource(value = RedisOnly.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisDownTest {

    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.jobs.concurrency", "0",
                    "quarkus.functions.redis.command-timeout", "1s");
        }
    }

    static final String PROBLEM = "application/problem+json";

    @Inject
    PaymentLedger ledger;

    @Inject
    RedisDataSource redis;

    @Test
    void withRedisStoppedAnIdempotentFunctionAnswers503AndDoesNotRun() {
        // Given a store that works, then is stopped
        String before = "up-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        charge(key, before).then().statusCode(200);
        assertThat(redis.value(String.class).get("scale-out:idempotency:charge:" + key)).contains("\"state\":\"done\"");
        RedisServer.stop();

        // When idempotent functions are called
        String order = "down-" + UUID.randomUUID();
        // Then they are refused as transient, and did not run
        charge(UUID.randomUUID().toString(), order).then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "1")
                .body("code", equalTo("idempotency-store-unavailable"));
        given().contentType(ContentType.JSON).body(body(order)).when().post("/chargeOrder")
                .then().statusCode(503).contentType(PROBLEM)
                .body("code", equalTo("idempotency-store-unavailable"));
        assertThat(ledger.chargesOf(order)).isZero();
        assertThat(ledger.chargesOf(before)).isEqualTo(1);

        // an async call is refused: its job state cannot be kept
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body("{\"name\":\"Ada\"}")
                .when().post("/greet")
                .then().statusCode(503).contentType(PROBLEM).header("Location", (String) null)
                .body("code", equalTo("job-queue-unavailable"));
    }

    private static Response charge(String key, String order) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(order))
                .when().post("/charge");
    }

    private static String body(String order) {
        return "{\"orderId\":\"" + order + "\",\"amountCents\":100}";
    }
}
