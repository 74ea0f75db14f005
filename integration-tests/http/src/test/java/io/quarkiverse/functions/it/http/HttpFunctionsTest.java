package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class HttpFunctionsTest {

    static final String PROBLEM = "application/problem+json";

    // tag::greet[]
    @Test
    void greetAnswersWithTheGreeting() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/greet")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", not(""))
                .body("message", equalTo("Hello Ada!"));
    }
    // end::greet[]

    @Test
    void getMapsQueryParametersOntoTheInput() {
        given().queryParam("name", "Grace")
                .when().get("/greet")
                .then().statusCode(200)
                .body("message", equalTo("Hello Grace!"));
    }

    @Test
    void callerRequestIdIsEchoedAndIsTheProblemInstance() {
        String requestId = "req-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/greet")
                .then().statusCode(200).header("X-Request-Id", requestId);
        given().header("X-Request-Id", requestId).contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/greet")
                .then().statusCode(400).header("X-Request-Id", requestId)
                .body("instance", equalTo(requestId));
    }

    @Test
    void malformedJsonIsA400ProblemWithoutInternals() {
        Response response = given().contentType(ContentType.JSON).body("{\"name\": \"Ada\"")
                .when().post("/greet");
        response.then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:quarkus-functions:problem:malformed-json"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("code", equalTo("malformed-json"))
                .body("instance", equalTo(response.header("X-Request-Id")));
        assertNoInternals(response.asString());
    }

    @Test
    void wrongTypeNamesTheFieldNotTheClass() {
        Response response = given().contentType(ContentType.JSON)
                .body("[{\"sku\":\"apple\",\"quantity\":2,\"unitPriceCents\":10},{\"sku\":\"pear\",\"quantity\":\"many\"}]")
                .when().post("/total");
        response.then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-input"))
                .body("detail", containsString("[1].quantity"));
        assertNoInternals(response.asString());
    }

    @Test
    void constraintViolationsAreListed() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \"}")
                .when().post("/greet")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("violations.field", equalTo(List.of("name")))
                .body("violations[0].message", not(""));
        given().contentType(ContentType.JSON)
                .body("[{\"sku\":\"apple\",\"quantity\":0,\"unitPriceCents\":10},{\"sku\":\"\",\"quantity\":1,\"unitPriceCents\":5}]")
                .when().post("/total")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("[0].quantity", "[1].sku")));
    }

    @Test
    void emptyBodyForAFunctionWithInputIsMissingInput() {
        given().contentType(ContentType.JSON)
                .when().post("/greet")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("missing-input"));
    }

    @Test
    void unknownFunctionIs404() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/does-not-exist")
                .then().statusCode(404).contentType(PROBLEM)
                .body("code", equalTo("function-not-found"))
                .body("detail", containsString("does-not-exist"));
        given().when().get("/nested/path")
                .then().statusCode(404).body("code", equalTo("function-not-found"));
    }

    @Test
    void wrongMethodIs405WithAllow() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().put("/greet")
                .then().statusCode(405).contentType(PROBLEM)
                .header("Allow", "GET, POST")
                .body("code", equalTo("method-not-allowed"));
        given().when().delete("/greet").then().statusCode(405);
    }

    @Test
    void clientErrorKeepsItsStatusAndCode() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"client\"}")
                .when().post("/fail")
                .then().statusCode(422).contentType(PROBLEM)
                .body("code", equalTo("order-rejected"))
                .body("title", equalTo("Unprocessable Content"))
                .body("detail", equalTo("The order cannot be accepted as sent."));
    }

    @Test
    void transientErrorIs503WithRetryAfter() {
        given().contentType(ContentType.JSON).body("{\"kind\":\"transient\"}")
                .when().post("/fail")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "7")
                .body("code", equalTo("transient-error"))
                .body("retryAfterSeconds", equalTo(7))
                .body("detail", equalTo("The inventory service is unavailable."));
    }

    @Test
    void internalErrorIs500WithoutMessageOrStackTrace() {
        Response response = given().contentType(ContentType.JSON).body("{\"kind\":\"internal\"}")
                .when().post("/fail");
        response.then().statusCode(500).contentType(PROBLEM)
                .body("code", equalTo("internal-error"))
                .body("detail", containsString(response.header("X-Request-Id")));
        assertThat(response.asString()).doesNotContain("hunter2").doesNotContain("10.0.0.7");
        assertNoInternals(response.asString());
    }

    @Test
    void slowFunctionWithinItsDeadlineAnswers() {
        given().contentType(ContentType.JSON).body("{\"millis\":20}")
                .when().post("/slow")
                .then().statusCode(200).body("sleptMillis", equalTo(20));
    }

    @Test
    void slowFunctionPastItsDeadlineIs504() {
        given().contentType(ContentType.JSON).body("{\"millis\":3000}")
                .when().post("/slow")
                .then().statusCode(504).contentType(PROBLEM)
                .body("code", equalTo("deadline-exceeded"))
                .body("detail", containsString("1000 ms"));
    }

    @Test
    void oversizedBodyIs413BeforeTheFunctionRuns() {
        char[] name = new char[7 * 1024 * 1024];
        Arrays.fill(name, 'a');
        String body = "{\"actor\":\"" + new String(name) + "\",\"action\":\"too-large\"}";
        given().contentType(ContentType.JSON).body(body)
                .when().post("/audit")
                .then().statusCode(413).contentType(PROBLEM)
                .body("code", equalTo("payload-too-large"));
        // the function did not run
        given().when().get("/audit-entries")
                .then().statusCode(200).body("action", not(hasItem("too-large")));
        // and the server still serves
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\"}").when().post("/greet")
                .then().statusCode(200);
    }

    @Test
    void voidFunctionIs204AndRuns() {
        String actor = "actor-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("actor", actor, "action", "login"))
                .when().post("/audit")
                .then().statusCode(204).body(equalTo(""));
        given().when().get("/audit-entries")
                .then().statusCode(200).body("actor", hasItem(actor));
    }

    @Test
    void listInputIsSummed() {
        given().contentType(ContentType.JSON)
                .body("[{\"sku\":\"apple\",\"quantity\":2,\"unitPriceCents\":120},{\"sku\":\"pear\",\"quantity\":3,\"unitPriceCents\":95}]")
                .when().post("/total")
                .then().statusCode(200)
                .body("items", equalTo(5))
                .body("totalCents", equalTo(2 * 120 + 3 * 95));
    }

    @Test
    void contextCarriesRequestTraceAndDeadline() {
        String requestId = "ctx-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .when().post("/context")
                .then().statusCode(200)
                .body("requestId", equalTo(requestId))
                .body("requestIdSeenByService", equalTo(requestId))
                .body("functionName", equalTo("context"))
                .body("platform", equalTo("HTTP"))
                .body("traceId", equalTo(traceId))
                .body("attempt", equalTo(1));
        long remaining = given().when().get("/context").then().statusCode(200)
                .extract().jsonPath().getLong("remainingMillis");
        assertThat(remaining).isPositive().isLessThanOrEqualTo(60_000);
    }

    @Test
    void onlyTheFirstInvocationOfTheProcessIsCold() {
        given().when().get("/context").then().statusCode(200);
        given().when().get("/context").then().statusCode(200).body("coldStart", equalTo(false));
    }

    @Test
    void startupWorkRanOnceBeforeTheFirstInvocation() {
        for (int i = 0; i < 2; i++) {
            given().when().get("/startup-info")
                    .then().statusCode(200)
                    .body("constructions", equalTo(1))
                    .body("warmedUp", equalTo(true))
                    .body("applePriceCents", equalTo(120));
        }
    }

    @Test
    void binaryCloudEventIsRoutedByType() {
        given().header("ce-specversion", "1.0").header("ce-id", "evt-1").header("ce-source", "/tests")
                .header("ce-type", "greet").contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", "greet.output")
                .header("ce-source", "greet")
                .header("ce-specversion", "1.0")
                .body("message", equalTo("Hello Ada!"));
    }

    @Test
    void structuredCloudEventIsRoutedByType() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"source\":\"/tests\",\"type\":\"greet\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"Ada\"}}";
        given().contentType("application/cloudevents+json").body(event)
                .when().post("/")
                .then().statusCode(200)
                .contentType("application/cloudevents+json")
                .body("type", equalTo("greet.output"))
                .body("data.message", equalTo("Hello Ada!"));
    }

    @Test
    void configuredEventTypeIsRoutedToItsFunction() {
        given().header("ce-specversion", "1.0").header("ce-id", "evt-3").header("ce-source", "/tests")
                .header("ce-type", "com.example.greeting.requested").contentType(ContentType.JSON)
                .body("{\"name\":\"Lin\"}")
                .when().post("/")
                .then().statusCode(200).body("message", equalTo("Hello Lin!"));
    }

    @Test
    void invalidCloudEventsAre400() {
        // missing id
        given().header("ce-specversion", "1.0").header("ce-source", "/tests").header("ce-type", "greet")
                .contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("invalid-cloudevent"))
                .body("detail", containsString("'id'"));
        // unknown specversion
        given().header("ce-specversion", "0.1").header("ce-id", "x").header("ce-source", "/tests")
                .header("ce-type", "greet").contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(400).body("code", equalTo("invalid-cloudevent"));
        // invalid percent-encoding
        given().header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "/tests%zz")
                .header("ce-type", "greet").contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(400).body("detail", containsString("percent-encoding"));
        // structured, unknown specversion
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"9.9\",\"id\":\"x\",\"source\":\"/tests\",\"type\":\"greet\"}")
                .when().post("/")
                .then().statusCode(400)
                .body("detail", equalTo("The request is not a valid CloudEvent: attribute 'specversion' must be 1.0, the "
                        + "CloudEvents version this server implements, not '9.9'."));
        // structured, not JSON
        given().contentType("application/cloudevents+json").body("{not json")
                .when().post("/")
                .then().statusCode(400).body("code", equalTo("invalid-cloudevent"));
        // not a CloudEvent at all
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(400).body("code", equalTo("invalid-cloudevent"));
    }

    @Test
    void cloudEventOfUnknownTypeIs404() {
        given().header("ce-specversion", "1.0").header("ce-id", "evt-4").header("ce-source", "/tests")
                .header("ce-type", "com.example.unknown").contentType(ContentType.JSON).body("{}")
                .when().post("/")
                .then().statusCode(404).body("code", equalTo("function-not-found"));
    }

    @Test
    void readinessIsUpWithTheCatalog() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'functions' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'functions' }.data.functions", equalTo(14));
    }

    static void assertNoInternals(String body) {
        assertThat(body)
                .doesNotContain("Exception")
                .doesNotContain("com.fasterxml")
                .doesNotContain("io.quarkiverse")
                .doesNotContain("java.lang")
                .doesNotContain("\tat ");
    }
}
