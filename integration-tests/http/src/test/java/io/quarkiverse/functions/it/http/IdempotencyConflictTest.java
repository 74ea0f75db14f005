package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two concurrent calls with one {@code Idempotency-Key}: the first runs, the second, sent while the first's
 * in-progress marker is in the store, is answered {@code 409 idempotency-in-progress} with {@code Retry-After}; once the
 * first is done, a repeat is its replay. The example {@code slow} function is made idempotent by configuration.
 */
@QuarkusTest
@TestProfile(IdempotencyConflictTest.IdempotentSlow.class)
class IdempotencyConflictTest {

    public static class IdempotentSlow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.\"slow\".idempotency.enabled", "true",
                    "quarkus.functions.\"slow\".timeout", "30s");
        }
    }

    @Inject
    IdempotencyStore store;

    @Test
    void aSecondCallWhileTheFirstRunsIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> call(key));
        awaitMarker("idempotency:slow:" + key);

        Response second = call(key);
        Response firstDone = first.get(30, TimeUnit.SECONDS);
        Response third = call(key);

        second.then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("idempotency-in-progress"));
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 31);
        firstDone.then().statusCode(200).body("sleptMillis", equalTo(1500)).header("Idempotent-Replayed", (String) null);
        third.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(third.asString()).isEqualTo(firstDone.asString());
    }

    private static Response call(String key) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body("{\"millis\":1500}")
                .when().post("/slow");
    }

    /** The first call has claimed its key once its marker is in the (in-memory) store: a real observable, polled. */
    private void awaitMarker(String storeKey) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (store.get(storeKey).await().indefinitely() == null) {
            assertThat(System.nanoTime() - until).as("the first call's in-progress marker").isNegative();
            Thread.onSpinWait();
        }
    }
}
