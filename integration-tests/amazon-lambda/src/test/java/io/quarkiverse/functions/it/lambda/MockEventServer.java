package io.quarkiverse.functions.it.lambda;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;

/**
 * Posts an event to Quarkus's mock Lambda event server (test mode), which hands it to the application's poll loop
 * and answers with what the function posted to {@code /response} or {@code /error}.
 */
final class MockEventServer {

    static final String URL = "http://localhost:8082/_lambda_";

    private MockEventServer() {
    }

    static Response invoke(JsonNode event) {
        return invoke(event.toString());
    }

    static Response invoke(String event) {
        return given().contentType("application/json").body(event).when().post(URL);
    }
}
