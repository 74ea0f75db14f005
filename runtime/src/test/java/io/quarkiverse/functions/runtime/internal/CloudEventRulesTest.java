package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;

/**
 * The rules of CloudEvents 1.0 (spec.md, formats/json-format.md, bindings/http-protocol-binding.md) on the three
 * shapes an event arrives in: binary-mode headers, a structured JSON event, and an event already built.
 */
class CloudEventRulesTest {

    // --- binary mode: ce-* headers ---

    @Test
    void theHttpBindingsBinaryExampleIsValid() {
        Map<String, String> headers = binary();
        headers.put("ce-time", "2018-04-05T03:56:24Z");
        headers.put("content-type", "application/json; charset=utf-8");
        headers.put("ce-comexampleextension1", "value");
        assertThatCode(() -> CloudEventRules.checkBinary(headers)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.3", "1.0.2", "1", "" })
    void onlySpecVersion10IsAccepted(String version) {
        Map<String, String> headers = binary();
        headers.put("ce-specversion", version);
        assertInvalid(() -> CloudEventRules.checkBinary(headers), "attribute 'specversion' (header ce-specversion) must be "
                + "1.0, the CloudEvents version this server implements, not '" + version + "'.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "id", "source", "type" })
    void requiredAttributesMustBePresentAndNonEmpty(String name) {
        Map<String, String> headers = binary();
        headers.remove("ce-" + name);
        assertInvalid(() -> CloudEventRules.checkBinary(headers),
                "the required attribute '" + name + "' (header ce-" + name + ") is missing.");
        headers.put("ce-" + name, "");
        assertInvalid(() -> CloudEventRules.checkBinary(headers), "attribute '" + name + "' (header ce-" + name + ") must be "
                + (name.equals("source") ? "a non-empty URI-reference" : "a non-empty string"));
    }

    @Test
    void sourceIsAUriReference() {
        for (String valid : new String[] { "https://github.com/cloudevents", "mailto:cncf-wg-serverless@lists.cncf.io",
                "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66", "/cloudevents/spec/pull/123", "1-555-123-4567",
                "//pubsub.googleapis.com/projects/p/topics/t" }) {
            Map<String, String> headers = binary();
            headers.put("ce-source", valid);
            assertThatCode(() -> CloudEventRules.checkBinary(headers)).as(valid).doesNotThrowAnyException();
        }
        for (String invalid : new String[] { "a b", "/caf\u00e9", "http://x/%zz", "/a|b" }) {
            Map<String, String> headers = binary();
            headers.put("ce-source", invalid);
            assertInvalid(() -> CloudEventRules.checkBinary(headers), "attribute 'source' (header ce-source) must be a "
                    + "non-empty URI-reference (RFC 3986), such as /sensors/tn-1234 or urn:example:orders.");
        }
    }

    @Test
    void optionalAttributesWhenPresentAreNonEmptyAndOfTheirType() {
        assertBinaryRejected("ce-subject", "", "attribute 'subject' (header ce-subject) must be a non-empty string.");
        assertBinaryRejected("ce-dataschema", "", "attribute 'dataschema' (header ce-dataschema) must be an absolute URI");
        assertBinaryRejected("ce-dataschema", "/schemas/order.json", "must be an absolute URI (RFC 3986)");
        assertBinaryRejected("ce-time", "", "attribute 'time' (header ce-time) must be an RFC 3339 timestamp");
        assertBinaryRejected("content-type", "json",
                "attribute 'datacontenttype' (header Content-Type) must be an RFC 2046 media type, such as application/json.");
    }

    @Test
    void datacontenttypeIsTheContentTypeHeaderInBinaryMode() {
        assertBinaryRejected("ce-datacontenttype", "application/json", "attribute 'datacontenttype' must not be sent as a "
                + "ce-datacontenttype header: in binary mode it is the Content-Type header.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "foo-bar", "foo_bar", "fooBar", "ext\u00e9" })
    void extensionNamesAreLowerCaseLettersAndDigits(String name) {
        assertBinaryRejected("ce-" + name, "x", "the attribute name '" + CloudEventRules.printable(name) + "' (header ce-"
                + CloudEventRules.printable(name) + ") is invalid: names are lower-case letters a-z and digits 0-9 only.");
    }

    @Test
    void dataIsNoAttributeName() {
        assertBinaryRejected("ce-data", "x", "the attribute name 'data' (header ce-data) is reserved for the event's data.");
    }

    @Test
    void extensionNamesLongerThan20CharactersAreAccepted() {
        Map<String, String> headers = binary();
        headers.put("ce-abcdefghijklmnopqrstuvwxyz0123456789", "x");
        assertThatCode(() -> CloudEventRules.checkBinary(headers)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\u0000b", "tab\there", "c1\u0085", "del\u007f", "\ufdd0", "\uffff", "x\ud83d",
            "\ude00x", "\ud83f\udffe" })
    void stringsHaveNoControlCharactersNoncharactersOrUnpairedSurrogates(String value) {
        assertThat(CloudEventValues.isString(value)).isFalse();
        assertBinaryRejected("ce-subject", value, "attribute 'subject' (header ce-subject) must be a string without control "
                + "characters, unpaired surrogates or Unicode noncharacters.");
    }

    // --- structured mode: application/cloudevents+json ---

    @Test
    void theSpecsJsonExamplesAreValid() {
        assertStructuredValid("{\"specversion\":\"1.0\",\"type\":\"com.github.pull_request.opened\","
                + "\"source\":\"https://github.com/cloudevents/spec/pull\",\"subject\":\"123\",\"id\":\"A234-1234-1234\","
                + "\"time\":\"2018-04-05T17:31:00Z\",\"comexampleextension1\":\"value\",\"comexampleothervalue\":5,"
                + "\"datacontenttype\":\"text/xml\",\"data\":\"<much wow=\\\"xml\\\"/>\"}");
        assertStructuredValid("{\"specversion\":\"1.0\",\"type\":\"com.example.someevent\",\"source\":\"/mycontext\","
                + "\"id\":\"A234-1234-1234\",\"datacontenttype\":\"application/vnd.apache.thrift.binary\","
                + "\"data_base64\":\"AAEC\"}");
        // null attributes are unset
        assertStructuredValid("{\"specversion\":\"1.0\",\"type\":\"t\",\"source\":\"/mycontext\",\"subject\":null,"
                + "\"id\":\"C234\",\"time\":null,\"unsetextension\":null,\"ext\":true,\"big\":-2147483648,"
                + "\"data\":{\"appinfoA\":\"abc\",\"appinfoB\":123,\"id\":5}}");
    }

    @Test
    void attributesOfTheWrongJsonTypeAreInvalid() {
        assertStructuredInvalid("\"id\":5", "attribute 'id' must be a JSON string, not a number.");
        assertStructuredInvalid("\"time\":12", "attribute 'time' must be a JSON string, not a number.");
        assertStructuredInvalid("\"subject\":{}", "attribute 'subject' must be a JSON string, not an object.");
        assertStructuredInvalid("\"ext\":1.5", "attribute 'ext' must be a string, a boolean or an integer from -2147483648 "
                + "to 2147483647, not a number with a fraction, an exponent or out of that range.");
        assertStructuredInvalid("\"ext\":2147483648", "not a number with a fraction, an exponent or out of that range.");
        assertStructuredInvalid("\"ext\":[1]", "attribute 'ext' must be a string, a boolean or an integer from -2147483648 "
                + "to 2147483647, not an array.");
    }

    @Test
    void structuredValuesFollowTheSameRules() {
        assertStructuredInvalid("\"subject\":\"\"", "attribute 'subject' must be a non-empty string.");
        assertStructuredInvalid("\"time\":\"2018-04-05T17:31Z\"", "attribute 'time' must be an RFC 3339 timestamp");
        assertStructuredInvalid("\"dataschema\":\"order.json\"", "attribute 'dataschema' must be an absolute URI");
        assertStructuredInvalid("\"datacontenttype\":\"\"", "attribute 'datacontenttype' must be an RFC 2046 media type");
        assertStructuredInvalid("\"Ext\":\"x\"", "the attribute name 'Ext' is invalid: names are lower-case letters a-z and "
                + "digits 0-9 only.");
        assertStructuredInvalid("\"ext\":\"\\ud800\"", "attribute 'ext' must be a string without control characters");
    }

    @Test
    void specVersionMustBe10AndComesFirst() {
        assertInvalid(() -> structured("{\"specversion\":\"0.3\",\"id\":5,\"source\":\"/s\",\"type\":\"t\"}"),
                "attribute 'specversion' must be 1.0, the CloudEvents version this server implements, not '0.3'.");
        assertInvalid(() -> structured("{\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"),
                "the required attribute 'specversion' is missing.");
        assertInvalid(() -> structured("{\"specversion\":null,\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"),
                "the required attribute 'specversion' is missing.");
        assertInvalid(() -> structured("{\"specversion\":1.0,\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}"),
                "attribute 'specversion' must be a JSON string, not a number.");
    }

    @Test
    void requiredAttributesAreChecked() {
        assertInvalid(() -> structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\"}"),
                "the required attribute 'type' is missing.");
        assertInvalid(() -> structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":null}"),
                "the required attribute 'type' is missing.");
        assertStructuredInvalid("\"id\":\"\"", "attribute 'id' must be a non-empty string.");
    }

    @Test
    void eachAttributeAppearsOnce() {
        assertInvalid(() -> structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"id\":\"2\",\"source\":\"/s\",\"type\":\"t\"}"),
                "'id' appears more than once in the event.");
    }

    @Test
    void dataAndDataBase64AreExclusive() {
        assertStructuredInvalid("\"data\":{},\"data_base64\":\"AA==\"",
                "'data' and 'data_base64' must not both be present: the data is either JSON or base64.");
        assertStructuredInvalid("\"data\":null,\"data_base64\":\"AA==\"", "must not both be present");
    }

    @Test
    void malformedJsonIsSaidSo() {
        for (String body : new String[] { "{not json", "", "{\"specversion\":\"1.0\",", "{\"specversion\":\"1.0\"} {}",
                "[1,", "{\"id\":5, \"data\":{]}" }) {
            assertInvalid(() -> structured(body), CloudEventRules.NOT_JSON);
        }
        assertInvalid(() -> structured("[]"), "the structured event is an array, not a JSON object.");
        assertInvalid(() -> structured("\"1.0\""), "the structured event is a string, not a JSON object.");
    }

    @Test
    void namesFromTheInputAreEchoedShortAndPrintable() {
        // an escape sequence, escaped as JSON requires
        String name = "\\u001b[31m" + "A".repeat(10_000);
        assertInvalid(() -> structured("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"" + name
                + "\":1}"), "the attribute name '?[31m" + "A".repeat(35) + "...' is invalid");
    }

    // --- an event already built (Google's Functions Framework) ---

    @Test
    void aBuiltEventFollowsTheSameRules() {
        assertThatCode(() -> CloudEventRules.check(event().withSubject("s").withDataSchema(URI.create("https://x/s.json"))
                .withExtension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build()))
                .doesNotThrowAnyException();
        assertInvalid(() -> CloudEventRules.check(CloudEventBuilder.v03().withId("1").withSource(URI.create("/s"))
                .withType("t").build()), "attribute 'specversion' must be 1.0, the CloudEvents version this server "
                        + "implements, not '0.3'.");
        assertInvalid(() -> CloudEventRules.check(event().withId("").build()), "attribute 'id' must be a non-empty string.");
        assertInvalid(() -> CloudEventRules.check(event().withSource(URI.create("")).build()),
                "attribute 'source' must be a non-empty URI-reference");
        assertInvalid(() -> CloudEventRules.check(event().withSubject("").build()),
                "attribute 'subject' must be a non-empty string.");
        assertInvalid(() -> CloudEventRules.check(event().withDataSchema(URI.create("s.json")).build()),
                "attribute 'dataschema' must be an absolute URI");
        assertInvalid(() -> CloudEventRules.check(event().withDataContentType("json").build()),
                "attribute 'datacontenttype' must be an RFC 2046 media type");
        assertInvalid(() -> CloudEventRules.check(event().withExtension("data", "x").build()),
                "the attribute name 'data' is reserved for the event's data.");
        assertInvalid(() -> CloudEventRules.check(event().withExtension("ext", "a\u0000").build()),
                "attribute 'ext' must be a string without control characters");
    }

    private static CloudEventBuilder event() {
        return CloudEventBuilder.v1().withId("1").withSource(URI.create("/s")).withType("t");
    }

    private static Map<String, String> binary() {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", "1234-1234-1234");
        headers.put("ce-source", "/mycontext/subcontext");
        headers.put("ce-type", "com.example.someevent");
        return headers;
    }

    private static void assertBinaryRejected(String header, String value, String message) {
        Map<String, String> headers = binary();
        headers.put(header, value);
        assertInvalid(() -> CloudEventRules.checkBinary(headers), message);
    }

    private static void structured(String json) {
        CloudEventRules.checkStructured(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertStructuredValid(String json) {
        assertThatCode(() -> structured(json)).doesNotThrowAnyException();
    }

    /** A valid event with these members added, or replacing its own. */
    private static void assertStructuredInvalid(String members, String message) {
        StringBuilder json = new StringBuilder("{\"specversion\":\"1.0\"");
        for (String[] member : new String[][] { { "id", "1" }, { "source", "/s" }, { "type", "t" } }) {
            if (!members.contains("\"" + member[0] + "\":")) {
                json.append(",\"").append(member[0]).append("\":\"").append(member[1]).append('"');
            }
        }
        assertInvalid(() -> structured(json.append(',').append(members).append('}').toString()), message);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidCloudEventException.class).message().contains(message);
    }
}
