package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The async bridge with the in-process queue: {@code Prefer: respond-async} (RFC 7240) is answered {@code 202} with
 * the job's {@code Location}; the job resource gives its state and result; bad input is answered at once; failures are
 * retried then dead-lettered; client errors fail at once. {@code Prefer: wait=N} on the job resource waits for the
 * job's end, so no test polls.
 */
@QuarkusTest
@TestProfile(AsyncBridgeTest.FastRetries.class)
class AsyncBridgeTest {

    public static class FastRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.jobs.backoff", "10ms",
                    "quarkus.functions.jobs.max-attempts", "3",
                    "quarkus.functions.\"chargeOrder\".async-only", "true");
        }
    }

    static final String PROBLEM = "application/problem+json";

    @Inject
    PaymentLedger ledger;

    @Test
    void respondAsyncIsAcceptedAndTheLocationEndsInTheResult() {
        Response accepted = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .body("{\"name\":\"Ada\"}").when().post("/greet");

        accepted.then().statusCode(202)
                .header("Location", matchesPattern("/greet/jobs/[0-9a-f-]{36}"))
                .header("Retry-After", "1")
                .header("Preference-Applied", "respond-async")
                .body("status", equalTo("pending"))
                .body("function", equalTo("greet"));

        finalState(accepted.header("Location")).then().statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("attempts", equalTo(1))
                .body("result.message", equalTo("Hello Ada!"));
    }

    @Test
    void badInputIsAnsweredAtOnceAndNotQueued() {
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body("{\"name\":\"\"}")
                .when().post("/greet")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .header("Location", (String) null);
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body("{\"name\":")
                .when().post("/greet")
                .then().statusCode(400).body("code", equalTo("malformed-json"));
    }

    @Test
    void transientFailuresAreRetriedThenDeadLettered() {
        String location = accept("/fail", "{\"kind\":\"transient\"}");

        finalState(location).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("attempts", equalTo(3))
                .body("deadLettered", equalTo(true))
                .body("problem.code", equalTo("transient-error"))
                .body("problem.status", equalTo(503));
    }

    @Test
    void aClientErrorFailsTheJobAtOnce() {
        String location = accept("/fail", "{\"kind\":\"client\"}");

        Response state = finalState(location);
        state.then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("attempts", equalTo(1))
                .body("problem.code", equalTo("order-rejected"));
        assertThat(state.jsonPath().getString("deadLettered")).isNull();
    }

    @Test
    void anInternalFailureKeepsItsSecretsOutOfTheJobState() {
        String location = accept("/fail", "{\"kind\":\"internal\"}");

        String state = finalState(location).asString();
        assertThat(state).contains("\"code\":\"internal-error\"").doesNotContain("hunter2")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void oneIdempotencyKeyIsOneJob() {
        String order = "async-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + order + "\",\"amountCents\":700}";

        Response first = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .header("Idempotency-Key", key).body(body).when().post("/charge");
        Response second = given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                .header("Idempotency-Key", key).body(body).when().post("/charge");

        first.then().statusCode(202);
        second.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        finalState(first.header("Location")).then().body("status", equalTo("succeeded"))
                .body("result.orderId", equalTo(order));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);

        given().contentType(ContentType.JSON).header("Prefer", "respond-async").header("Idempotency-Key", key)
                .body(body.replace("700", "701")).when().post("/charge")
                .then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    void anAsyncOnlyFunctionIsAlwaysAccepted() {
        String order = "only-" + UUID.randomUUID();
        Response accepted = given().contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + order + "\",\"amountCents\":5}").when().post("/chargeOrder");

        accepted.then().statusCode(202).header("Preference-Applied", (String) null);
        finalState(accepted.header("Location")).then().body("status", equalTo("succeeded"));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void anUnknownJobIsNotFound() {
        given().when().get("/greet/jobs/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("code", equalTo("job-not-found"));
    }

    @Test
    void withoutThePreferenceTheCallStaysSynchronous() {
        given().contentType(ContentType.JSON).header("Prefer", "return=minimal").body("{\"name\":\"Bo\"}")
                .when().post("/greet")
                .then().statusCode(200).body("message", equalTo("Hello Bo!"));
    }

    private static String accept(String path, String body) {
        Response accepted = given().contentType(ContentType.JSON).header("Prefer", "respond-async").body(body)
                .when().post(path);
        accepted.then().statusCode(202);
        return accepted.header("Location");
    }

    /** The job's state once final: {@code Prefer: wait} makes the server hold the answer until then. */
    private static Response finalState(String location) {
        return given().header("Prefer", "wait=20").when().get(location);
    }
}
