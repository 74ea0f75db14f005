package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Back-pressure: with no worker on this instance ({@code concurrency=0}) and room for two jobs, the third request is
 * answered {@code 503} with {@code Retry-After}, and nothing of it is kept: its job resource does not exist.
 */
@QuarkusTest
@TestProfile(AsyncBridgeFullTest.TwoJobsNoWorker.class)
class AsyncBridgeFullTest {

    public static class TwoJobsNoWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.jobs.capacity", "2", "quarkus.functions.jobs.concurrency", "0");
        }
    }

    @Test
    void aFullQueueAnswers503AndEnqueuesNothing() {
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).header("Prefer", "respond-async").body("{\"name\":\"n" + i + "\"}")
                    .when().post("/greet").then().statusCode(202);
        }

        given().contentType(ContentType.JSON).header("Prefer", "respond-async").header("Idempotency-Key", "k-full")
                .body("{\"name\":\"third\"}")
                .when().post("/greet")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .header("Location", (String) null)
                .body("code", equalTo("job-queue-full"));

        // the key was released with the refusal: the same request later is refused the same way, not replayed
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").header("Idempotency-Key", "k-full")
                .body("{\"name\":\"third\"}")
                .when().post("/greet")
                .then().statusCode(503).header("Idempotent-Replayed", (String) null);
    }
}
