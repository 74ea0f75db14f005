package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

/**
 * HTTP-shaped events (API Gateway REST and HTTP API, Function URL, ALB) through Quarkus's poll loop: one Lambda
 * serves every function by path, with the HTTP binding's semantics.
 */
@QuarkusTest
class HttpEventsTest {

    @Test
    void restApiGetWithMultiValueQuery() throws Exception {
        ObjectNode event = Events.load("apigw/apigw_rest_event.json");
        event.put("path", "/greet").put("httpMethod", "GET").put("body", (String) null);
        event.putObject("multiValueQueryStringParameters").putArray("name").add("Ada");
        event.putObject("queryStringParameters").put("name", "Ada");

        // the mock event server's reply is JSON, as Lambda's (the stock server's said form-urlencoded)
        JsonNode response = Events.JSON.readTree(
                MockEventServer.invoke(event).then().statusCode(200).contentType("application/json").extract().asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("multiValueHeaders").path("Content-Type").get(0).asText()).isEqualTo("application/json");
        assertThat(body(response).path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void restApiBase64Body() throws Exception {
        ObjectNode event = Events.load("apigw/apigw_rest_event.json");
        event.put("path", "/greet").put("httpMethod", "POST")
                .put("body", Base64.getEncoder().encodeToString("{\"name\":\"Bo\"}".getBytes(StandardCharsets.UTF_8)))
                .put("isBase64Encoded", true);

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).path("message").asText()).isEqualTo("Hello Bo!");
    }

    @Test
    void httpApiValidationErrorIsAProblemDocument() throws Exception {
        JsonNode response = Events.JSON.readTree(
                MockEventServer.invoke(Events.httpApi("POST", "/greet", "{\"name\":\"\"}")).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("code").asText()).isEqualTo("validation-failed");
        assertThat(problem.path("violations").get(0).path("field").asText()).isEqualTo("name");
        assertThat(problem.path("instance").asText()).isEqualTo(response.path("headers").path("X-Request-Id").asText());
    }

    @Test
    void httpApiUnknownFunctionAndWrongMethod() throws Exception {
        JsonNode notFound = Events.JSON.readTree(
                MockEventServer.invoke(Events.httpApi("POST", "/nope", "{}")).asString());
        assertThat(notFound.path("statusCode").asInt()).isEqualTo(404);
        assertThat(body(notFound).path("code").asText()).isEqualTo("function-not-found");

        JsonNode wrongMethod = Events.JSON.readTree(
                MockEventServer.invoke(Events.httpApi("DELETE", "/greet", "")).asString());
        assertThat(wrongMethod.path("statusCode").asInt()).isEqualTo(405);
        assertThat(wrongMethod.path("headers").path("Allow").asText()).isEqualTo("GET, POST");
    }

    @Test
    void httpApiVoidFunctionIs204() throws Exception {
        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(
                Events.httpApi("POST", "/audit", "{\"actor\":\"ada\",\"action\":\"login\"}")).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(204);
        assertThat(response.path("body").asText()).isEmpty();
    }

    @Test
    void httpApiMalformedJsonIs400() throws Exception {
        JsonNode response = Events.JSON.readTree(
                MockEventServer.invoke(Events.httpApi("POST", "/greet", "{\"name\":")).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("code").asText()).isEqualTo("malformed-json");
        assertThat(response.path("body").asText()).doesNotContain("Exception").doesNotContain("com.fasterxml");
    }

    @Test
    void albEvent() throws Exception {
        ObjectNode event = Events.load("alb/elb_event.json");
        event.put("path", "/greet").put("httpMethod", "POST").put("body", "{\"name\":\"Lin\"}").put("isBase64Encoded", false);

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("statusDescription").asText()).isEqualTo("200 OK");
        assertThat(body(response).path("message").asText()).isEqualTo("Hello Lin!");
    }

    @Test
    void cloudEventInAnSqsBodyIsRoutedByType() throws Exception {
        String cloudEvent = "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"greet\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"Ada\"}}";
        String invalid = "{\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"/orders\",\"type\":\"greet\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"\"}}";

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(Events.sqs(cloudEvent, invalid)).asString());

        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("msg-2");
    }

    @Test
    void httpApiTextBodyAnswersText() throws Exception {
        ObjectNode event = Events.httpApi("POST", "/shout", "hello");
        ((ObjectNode) event.get("headers")).put("content-type", "text/plain; charset=UTF-8");

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(response.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(response.path("body").asText()).isEqualTo("HELLO!");
    }

    @Test
    void functionUrlBinaryBodyAnswersBase64() throws Exception {
        byte[] data = { 0, (byte) 0xFF, 7 };
        ObjectNode event = Events.httpApi("POST", "/reverse", Base64.getEncoder().encodeToString(data));
        ((ObjectNode) event.get("headers")).put("content-type", "application/octet-stream");
        event.put("isBase64Encoded", true);

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("Content-Type").asText()).isEqualTo("application/octet-stream");
        assertThat(response.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(response.path("body").asText())).containsExactly(7, (byte) 0xFF, 0);
    }

    @Test
    void restApiTextBodyToAJsonFunctionIs415() throws Exception {
        ObjectNode event = Events.restApi("POST", "/greet", "Ada");
        ((ObjectNode) event.get("headers")).put("Content-Type", "text/plain");
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Content-Type").add("text/plain");

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(415);
        assertThat(body(response).path("code").asText()).isEqualTo("unsupported-media-type");
    }

    @Test
    void trailingJsonIsMalformed() throws Exception {
        JsonNode response = Events.JSON.readTree(
                MockEventServer.invoke(Events.httpApi("POST", "/greet", "{\"name\":\"Ada\"} {\"name\":\"Bo\"}")).asString());

        assertThat(response.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body(response).path("code").asText()).isEqualTo("malformed-json");
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return Events.JSON.readTree(response.path("body").asText());
    }
}
