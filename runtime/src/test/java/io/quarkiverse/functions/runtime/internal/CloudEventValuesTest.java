package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;

/**
 * The syntax of the CloudEvents 1.0 types (RFC 3339 timestamps, RFC 2046 media types, RFC 3986 URIs, strings) and of
 * binary-mode header values (quoted strings, percent-encoding).
 */
class CloudEventValuesTest {

    @ParameterizedTest
    @ValueSource(strings = { "2018-04-05T17:31:00Z", "2018-04-05t17:31:00z", "1985-04-12T23:20:50.52Z",
            "1996-12-19T16:39:57-08:00", "2024-02-29T00:00:00.123456789+01:00" })
    void rfc3339TimestampsAreAccepted(String time) {
        assertThat(CloudEventValues.isTimestamp(time)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "yesterday", "2018-04-05", "2018-04-05T17:31Z", "2018-04-05 17:31:00Z", "2018-04-05T17:31:00",
            "2018-04-05T17:31:00+0100", "2018-04-05T17:31:00+01:00:30", "2018-04-31T00:00:00Z", "2018-13-01T00:00:00Z",
            "2018-04-05T24:00:00Z", "2018-04-05T17:31:00.Z", "+2018-04-05T17:31:00Z", "2018-04-05T17:31:00Z ",
            // RFC 3339, but more than Java's time API (and so the CloudEvents SDK) holds
            "2016-12-31T23:59:60Z", "2018-04-05T17:31:00.1234567891Z", "2018-04-05T17:31:00+19:00" })
    void otherTimestampsAreNot(String time) {
        assertThat(CloudEventValues.isTimestamp(time)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json; charset=utf-8", "text/xml",
            "application/vnd.apache.thrift.binary", "multipart/form-data; boundary=\"a b;c\"", "application/cloudevents+json",
            "text/plain;charset=UTF-8;format=flowed" })
    void rfc2046MediaTypesAreAccepted(String type) {
        assertThat(CloudEventValues.isMediaType(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "json", "application/", "/json", "application/json;", "application/json; charset",
            "application/json; charset=", "text/plain; a=\"open", "appli cation/json", "application/js(on)", " text/plain" })
    void otherMediaTypesAreNot(String type) {
        assertThat(CloudEventValues.isMediaType(type)).isFalse();
    }

    @Test
    void pairedSurrogatesAndOtherUnicodeAreStrings() {
        assertThat(CloudEventValues.isString("Euro \u20ac \ud83d\ude00 \u00a0")).isTrue();
    }

    @Test
    void quotedHeaderValuesAreUnescapedBeforePercentDecoding() {
        assertThat(CloudEvents.percentDecode("ce-subject", "\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
        assertThat(CloudEvents.percentDecode("ce-subject", "\"a%20b\"")).isEqualTo("a b");
        assertThatThrownBy(() -> CloudEvents.percentDecode("ce-subject", "\"open"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessage("header ce-subject has an unclosed double-quoted string.");
    }

    @Test
    void namesAreLowerCaseAsciiLettersAndDigits() {
        assertThat(CloudEventValues.isName("comexampleextension1")).isTrue();
        assertThat(CloudEventValues.isName("")).isFalse();
        assertThat(CloudEventValues.isName("Comexample")).isFalse();
        assertThat(CloudEventValues.isName("com_example")).isFalse();
        assertThat(CloudEventValues.isName("\u0131d")).as("a dotless i is no ASCII letter").isFalse();
    }

    @Test
    void anAbsoluteUriHasAScheme() {
        assertThat(CloudEventValues.isAbsoluteUri("https://example.com/schemas/order.json")).isTrue();
        assertThat(CloudEventValues.isAbsoluteUri("urn:example:order")).isTrue();
        assertThat(CloudEventValues.isAbsoluteUri("https://example.com/schema.json#/definitions/order")).isTrue();
        assertThat(CloudEventValues.isAbsoluteUri("//example.com/schemas/order.json")).isFalse();
        assertThat(CloudEventValues.isAbsoluteUri("order.json")).isFalse();
        assertThat(CloudEventValues.isAbsoluteUri("")).isFalse();
    }
}
