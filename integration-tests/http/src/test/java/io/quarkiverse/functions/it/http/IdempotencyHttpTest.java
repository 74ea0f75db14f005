package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.PaymentLedger;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Idempotent functions over HTTP: the {@code Idempotency-Key} header (IETF httpapi draft) keys a request, a repeat is
 * answered with the recorded response and {@code Idempotent-Replayed: true}, and the side effect happens once.
 */
@QuarkusTest
class IdempotencyHttpTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    PaymentLedger ledger;

    @Test
    void theSameRequestSentTwiceWithOneKeyChargesOnce() {
        String order = unique("o");
        String key = UUID.randomUUID().toString();

        Response first = charge(key, order, 1250);
        Response second = charge(key, order, 1250);

        first.then().statusCode(200).contentType(ContentType.JSON).header("Idempotent-Replayed", (String) null);
        second.then().statusCode(200).contentType(ContentType.JSON).header("Idempotent-Replayed", "true");
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(first.jsonPath().getString("orderId")).isEqualTo(order);
        assertThat(second.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void aKeyInStructuredFieldQuotesIsTheSameKey() {
        String order = unique("q");
        String key = UUID.randomUUID().toString();

        charge(key, order, 100);
        charge("\"" + key + "\"", order, 100).then().statusCode(200).header("Idempotent-Replayed", "true");

        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void withoutAKeyEveryRequestRuns() {
        String order = unique("n");

        given().contentType(ContentType.JSON).body(body(order, 100)).post("/charge").then().statusCode(200);
        given().contentType(ContentType.JSON).body(body(order, 100)).post("/charge").then().statusCode(200);

        assertThat(ledger.chargesOf(order)).isEqualTo(2);
    }

    @Test
    void aKeyReusedWithAnotherBodyIsRejected() {
        String order = unique("r");
        String key = UUID.randomUUID().toString();

        charge(key, order, 100).then().statusCode(200);
        charge(key, order, 999).then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("idempotency-key-reused"));

        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    @Test
    void aRejectedRequestIsReplayedAsRejected() {
        String key = UUID.randomUUID().toString();

        charge(key, " ", 100).then().statusCode(400).body("code", equalTo("validation-failed"));
        charge(key, " ", 100).then().statusCode(400).header("Idempotent-Replayed", "true")
                .body("code", equalTo("validation-failed"))
                .body("violations[0].field", equalTo("orderId"));
    }

    @Test
    void aBusinessKeyInTheInputNeedsNoHeader() {
        String order = unique("b");

        Response first = given().contentType(ContentType.JSON).body(body(order, 500)).post("/chargeOrder");
        Response second = given().contentType(ContentType.JSON).body(body(order, 500)).post("/chargeOrder");

        second.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertThat(second.jsonPath().getString("chargeId")).isEqualTo(first.jsonPath().getString("chargeId"));
        assertThat(ledger.chargesOf(order)).isEqualTo(1);
    }

    private static Response charge(String key, String order, long cents) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body(order, cents))
                .when().post("/charge");
    }

    private static String body(String order, long cents) {
        return "{\"orderId\":\"" + order + "\",\"amountCents\":" + cents + "}";
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
