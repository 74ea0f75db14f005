package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Structured CloudEvents as Lambda payloads (a direct invocation, an SQS message body) are checked against
 * CloudEvents 1.0 before any function runs: a broken rule is a client error {@code invalid-cloudevent} that names
 * the attribute and the rule.
 */
@QuarkusTest
class CloudEventPayloadsTest {

    private static final String INVALID = "[invalid-cloudevent] The request is not a valid CloudEvent: ";

    @Test
    void aValidEventIsRoutedByItsType() throws Exception {
        Response response = MockEventServer.invoke(event("\"time\":\"2018-04-05T17:31:00Z\",\"subject\":\"greetings/1\","
                + "\"dataschema\":\"https://example.com/greeting.json\",\"comexampleothervalue\":5,"
                + "\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"Ada\"}"));

        assertThat(Events.JSON.readTree(response.asString()).path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void specVersion03IsAClientError() throws Exception {
        assertInvalid("{\"specversion\":\"0.3\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"greet\"}",
                "attribute 'specversion' must be 1.0, the CloudEvents version this server implements, not '0.3'.");
    }

    @Test
    void attributesOfTheWrongJsonTypeAreInvalidCloudEvents() throws Exception {
        assertInvalid("{\"specversion\":\"1.0\",\"id\":5,\"source\":\"/orders\",\"type\":\"greet\"}",
                "attribute 'id' must be a JSON string, not a number.");
        assertInvalid(event("\"time\":12"), "attribute 'time' must be a JSON string, not a number.");
    }

    @Test
    void optionalAttributesAreNonEmptyAndOfTheirType() throws Exception {
        assertInvalid(event("\"subject\":\"\""), "attribute 'subject' must be a non-empty string.");
        assertInvalid(event("\"time\":\"05/04/2018\""),
                "attribute 'time' must be an RFC 3339 timestamp, such as 2018-04-05T17:31:00Z.");
        assertInvalid(event("\"dataschema\":\"greeting.json\""),
                "attribute 'dataschema' must be an absolute URI (RFC 3986), such as https://example.com/schemas/order.json.");
        assertInvalid(event("\"datacontenttype\":\"application\""),
                "attribute 'datacontenttype' must be an RFC 2046 media type, such as application/json.");
    }

    @Test
    void extensionNamesAndDataFollowTheRules() throws Exception {
        assertInvalid(event("\"trace_id\":\"x\""),
                "the attribute name 'trace_id' is invalid: names are lower-case letters a-z and digits 0-9 only.");
        assertInvalid(event("\"data\":{},\"data_base64\":\"e30=\""),
                "'data' and 'data_base64' must not both be present: the data is either JSON or base64.");
    }

    @Test
    void aPayloadWithSpecversionButNoTypeIsAnInvalidEventNotPlainJson() throws Exception {
        assertInvalid("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"data\":{\"name\":\"Ada\"}}",
                "the required attribute 'type' is missing.");
    }

    @Test
    void anInvalidEventInAnSqsBodyIsAPoisonRecord() throws Exception {
        String valid = event("\"data\":{\"name\":\"Ada\"}");
        String invalid = event("\"subject\":\"\",\"data\":{\"name\":\"Bo\"}");

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(Events.sqs(valid, invalid)).asString());

        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("msg-2");
    }

    /** A valid event of type greet with these members too. */
    private static String event(String members) {
        return "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/orders\",\"type\":\"greet\"," + members + "}";
    }

    private static void assertInvalid(String payload, String detail) throws Exception {
        Response response = MockEventServer.invoke(payload);

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
        JsonNode error = Events.JSON.readTree(response.asString());
        assertThat(error.path("errorType").asText()).endsWith("FunctionFailedException$ClientError");
        assertThat(error.path("errorMessage").asText()).startsWith(INVALID + detail + " (request ");
        assertThat(response.asString()).doesNotContain("\tat ");
    }
}
