package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * {@code POST /} checks every context attribute against CloudEvents 1.0 (spec.md, the JSON format, the HTTP binding)
 * before the function runs, and answers a broken rule {@code 400 invalid-cloudevent} naming the attribute and the rule.
 */
@QuarkusTest
class CloudEventValidationTest {

    private static final String PREFIX = "The request is not a valid CloudEvent: ";
    private static final String STRUCTURED = "application/cloudevents+json";

    @Test
    void anEventWithEveryOptionalAttributeIsServed() {
        binary().header("ce-time", "2018-04-05T17:31:00.52+02:00").header("ce-subject", "orders/42")
                .header("ce-dataschema", "https://example.com/schemas/greeting.json")
                .header("ce-comexampleextension1", "value").header("ce-partitionkey", "42")
                .header("ce-averyveryverylongextensionname", "longer than 20 characters: accepted")
                .contentType("application/json; charset=utf-8").body("{\"name\":\"Ada\"}")
                .when().post("/")
                .then().statusCode(200).body("message", equalTo("Hello Ada!"));
        structured("\"time\":\"2018-04-05T17:31:00Z\",\"subject\":\"orders/42\",\"dataschema\":\"urn:example:greeting\","
                + "\"unsetextension\":null,\"comexampleothervalue\":5,\"flag\":true,\"datacontenttype\":\"application/json\","
                + "\"data\":{\"name\":\"Ada\"}")
                .then().statusCode(200).contentType(STRUCTURED).body("data.message", equalTo("Hello Ada!"));
    }

    @Test
    void specVersion03IsRejectedInBothModes() {
        String detail = "attribute 'specversion' must be 1.0, the CloudEvents version this server implements, not '0.3'.";
        assertInvalid(binary("ce-specversion", "0.3").contentType(ContentType.JSON).body("{\"name\":\"Ada\"}")
                .when().post("/").then(), "attribute 'specversion' (header ce-specversion) must be 1.0, the CloudEvents "
                        + "version this server implements, not '0.3'.");
        assertInvalid(given().contentType(STRUCTURED)
                .body("{\"specversion\":\"0.3\",\"id\":\"e-1\",\"source\":\"/tests\",\"type\":\"greet\"}")
                .when().post("/").then(), detail);
    }

    @Test
    void requiredAttributesAreNonEmptyStrings() {
        assertInvalid(binary("ce-type", "").contentType(ContentType.JSON).body("{}").when().post("/").then(),
                "attribute 'type' (header ce-type) must be a non-empty string.");
        assertInvalid(given().contentType(STRUCTURED).body("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/tests\","
                + "\"type\":\"greet\"}").when().post("/").then(), "attribute 'id' must be a non-empty string.");
        assertInvalid(given().contentType(STRUCTURED).body("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"type\":\"greet\"}")
                .when().post("/").then(), "the required attribute 'source' is missing.");
    }

    @Test
    void structuredAttributesOfTheWrongJsonTypeAreInvalidNotUnreadable() {
        assertInvalid(given().contentType(STRUCTURED).body("{\"specversion\":\"1.0\",\"id\":5,\"source\":\"/tests\","
                + "\"type\":\"greet\"}").when().post("/").then(), "attribute 'id' must be a JSON string, not a number.");
        assertInvalid(structured("\"time\":12").then(), "attribute 'time' must be a JSON string, not a number.");
        assertInvalid(structured("\"ext\":{\"a\":1}").then(), "attribute 'ext' must be a string, a boolean or an integer "
                + "from -2147483648 to 2147483647, not an object.");
    }

    @Test
    void optionalAttributesAreOfTheirType() {
        assertInvalid(binary().header("ce-time", "2018-04-05 17:31").contentType(ContentType.JSON).body("{}")
                .when().post("/").then(),
                "attribute 'time' (header ce-time) must be an RFC 3339 timestamp, such as 2018-04-05T17:31:00Z.");
        assertInvalid(binary().contentType("json").body("{}".getBytes(StandardCharsets.UTF_8)).when().post("/").then(),
                "attribute 'datacontenttype' (header Content-Type) must be an RFC 2046 media type, such as application/json.");
        assertInvalid(structured("\"datacontenttype\":\"application/json;\"").then(),
                "attribute 'datacontenttype' must be an RFC 2046 media type, such as application/json.");
        assertInvalid(structured("\"dataschema\":\"/schemas/greeting.json\"").then(), "attribute 'dataschema' must be an "
                + "absolute URI (RFC 3986), such as https://example.com/schemas/order.json.");
        assertInvalid(binary().header("ce-subject", "").contentType(ContentType.JSON).body("{}").when().post("/").then(),
                "attribute 'subject' (header ce-subject) must be a non-empty string.");
        assertInvalid(binary().header("ce-subject", "a%0Ab").contentType(ContentType.JSON).body("{}").when().post("/")
                .then(), "attribute 'subject' (header ce-subject) must be a string without control characters, unpaired "
                        + "surrogates or Unicode noncharacters.");
    }

    @Test
    void extensionNamesAreLowerCaseLettersAndDigits() {
        assertInvalid(binary().header("ce-foo-bar", "x").contentType(ContentType.JSON).body("{}").when().post("/").then(),
                "the attribute name 'foo-bar' (header ce-foo-bar) is invalid: names are lower-case letters a-z and digits "
                        + "0-9 only.");
        assertInvalid(structured("\"comExample\":\"x\"").then(),
                "the attribute name 'comExample' is invalid: names are lower-case letters a-z and digits 0-9 only.");
        assertInvalid(binary().header("ce-data", "x").contentType(ContentType.JSON).body("{}").when().post("/").then(),
                "the attribute name 'data' (header ce-data) is reserved for the event's data.");
    }

    @Test
    void dataAndDataBase64AreExclusive() {
        assertInvalid(structured("\"data\":{\"name\":\"Ada\"},\"data_base64\":\"e30=\"").then(),
                "'data' and 'data_base64' must not both be present: the data is either JSON or base64.");
    }

    @Test
    void binaryModeSendsDatacontenttypeAsContentTypeOnly() {
        assertInvalid(binary().header("ce-datacontenttype", "application/json").contentType(ContentType.JSON).body("{}")
                .when().post("/").then(), "attribute 'datacontenttype' must not be sent as a ce-datacontenttype header: "
                        + "in binary mode it is the Content-Type header.");
    }

    @Test
    void quotedHeaderValuesAreUnquotedAsTheBindingSays() {
        // quoted, "/tests" is no URI-reference; unquoted, it is
        given().header("ce-specversion", "1.0").header("ce-id", "\"evt 1\"").header("ce-source", "\"/tests\"")
                .header("ce-type", "greet").contentType(ContentType.JSON).body("{\"name\":\"Lin\"}")
                .when().post("/")
                .then().statusCode(200).body("message", equalTo("Hello Lin!"));
    }

    @Test
    void malformedJsonStaysAClear400() {
        assertInvalid(given().contentType(STRUCTURED).body("{\"specversion\":\"1.0\",\"id\":5,").when().post("/").then(),
                "the structured event could not be read as JSON.");
    }

    @Test
    void theDetailEchoesNoUnboundedOrUnprintableInput() {
        String name = "X".repeat(10_000);
        given().contentType(STRUCTURED).body("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/tests\",\"type\":\"greet\","
                + "\"\\u0007" + name + "\":1}")
                .when().post("/")
                .then().statusCode(400).contentType(HttpFunctionsTest.PROBLEM)
                .body("code", equalTo("invalid-cloudevent"))
                .body("detail", equalTo(PREFIX + "the attribute name '?" + "X".repeat(39) + "...' is invalid: names are "
                        + "lower-case letters a-z and digits 0-9 only."));
    }

    /** A binary-mode event of type greet; each header is sent once (RestAssured adds, never replaces, headers). */
    private static RequestSpecification binary(String... replaced) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", "evt-1");
        headers.put("ce-source", "/tests");
        headers.put("ce-type", "greet");
        for (int i = 0; i < replaced.length; i += 2) {
            headers.put(replaced[i], replaced[i + 1]);
        }
        return given().headers(headers);
    }

    /** A structured event of type greet with these members too. */
    private static Response structured(String members) {
        return given().contentType(STRUCTURED)
                .body("{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"source\":\"/tests\",\"type\":\"greet\"," + members + "}")
                .when().post("/");
    }

    private static void assertInvalid(ValidatableResponse response, String detail) {
        response.statusCode(400).contentType(HttpFunctionsTest.PROBLEM)
                .body("code", equalTo("invalid-cloudevent"))
                .body("detail", equalTo(PREFIX + detail))
                .body("instance", not(equalTo("")));
    }
}
