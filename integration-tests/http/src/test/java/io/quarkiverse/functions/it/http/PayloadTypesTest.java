package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The payload rules over HTTP: a {@code String} input takes the body as text, a {@code byte[]} one as bytes, JSON
 * stays the default and refuses bodies that are plainly not JSON with 415, and JSON input is one document with
 * nothing after it.
 */
@QuarkusTest
class PayloadTypesTest {

    @TestHTTPResource("/")
    URI url;

    static final String PROBLEM = "application/problem+json";

    @Test
    void textBodyReachesAStringFunctionAsTextAndTheResultIsText() {
        Response response = given().contentType("text/plain; charset=UTF-8").body("hello, Zoë")
                .when().post("/shout");

        response.then().statusCode(200).header("Content-Type", "text/plain; charset=UTF-8");
        assertThat(response.asByteArray()).isEqualTo("HELLO, ZOË!".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textIsDecodedWithTheCharsetItDeclares() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        given().contentType("text/plain; charset=ISO-8859-1").body(latin1)
                .when().post("/shout")
                .then().statusCode(200).body(equalTo("CAFÉ!"));
    }

    @Test
    void textThatIsNotValidInItsCharsetIsRejectedNotAltered() {
        given().contentType("text/plain; charset=UTF-8").body(new byte[] { 'a', (byte) 0xC3, (byte) 0x28 })
                .when().post("/shout")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("invalid-input"));
    }

    @Test
    void aJsonStringSentAsJsonIsUnquotedOtherJsonIsTakenAsText() {
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/shout")
                .then().statusCode(200).body(equalTo("ADA!"));
        given().contentType(ContentType.JSON).body("{\"a\":1}")
                .when().post("/shout")
                .then().statusCode(200).body(equalTo("{\"A\":1}!"));
        given().contentType("text/plain").body("\"quoted\"")
                .when().post("/shout")
                .then().statusCode(200).body(equalTo("\"QUOTED\"!"));
    }

    @Test
    void bytesReachAByteArrayFunctionAsTheyAreAndComeBackAsOctetStream() {
        byte[] data = { 0, (byte) 0xFF, 0x10, (byte) 0x80, 'x' };
        Response response = given().contentType("application/octet-stream").body(data)
                .when().post("/reverse");

        response.then().statusCode(200).header("Content-Type", "application/octet-stream");
        assertThat(response.asByteArray()).containsExactly('x', (byte) 0x80, 0x10, (byte) 0xFF, 0);
    }

    @Test
    void anEmptyBodyIsMissingInputForTextToo() {
        given().contentType("text/plain").body(new byte[0])
                .when().post("/shout")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("missing-input"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "text/plain", "text/csv; charset=UTF-8", "application/octet-stream",
            "multipart/form-data; boundary=x", "image/png", "application/xml" })
    void aJsonFunctionRefusesABodyThatIsPlainlyNotJsonWith415(String contentType) {
        Response response = given().contentType(contentType).body("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8))
                .when().post("/greet");

        response.then().statusCode(415).contentType(PROBLEM)
                .body("code", equalTo("unsupported-media-type"))
                .body("instance", equalTo(response.header("X-Request-Id")));
        HttpFunctionsTest.assertNoInternals(response.asString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json; charset=UTF-8", "application/vnd.api+json",
            "application/x-www-form-urlencoded" })
    void aJsonFunctionReadsJsonAndCurlsDefaultAsJson(String contentType) throws Exception {
        HttpResponse<String> response = post("/greet", contentType, "{\"name\":\"Ada\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() throws Exception {
        HttpResponse<String> response = post("/greet", null, "{\"name\":\"Ada\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
    }

    /** Sends exactly this body with exactly this Content-Type (or none), which RestAssured does not always do. */
    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":\"Ada\"} junk", "{\"name\":\"Ada\"}{\"name\":\"Bo\"}", "{\"name\":\"Ada\"}}",
            "{\"name\":\"Ada\"} 1", "{\"name\":\"Ada\"}\n[]" })
    void jsonFollowedByAnythingButWhitespaceIsMalformed(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/greet")
                .then().statusCode(400).contentType(PROBLEM).body("code", equalTo("malformed-json"));
    }

    @Test
    void jsonFollowedByWhitespaceIsFine() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Ada\"} \n\t\r\n")
                .when().post("/greet")
                .then().statusCode(200).body("message", equalTo("Hello Ada!"));
    }

    @Test
    void binaryCloudEventWithTextDataAnswersTextData() {
        given().header("ce-specversion", "1.0").header("ce-id", "t-1").header("ce-source", "/tests")
                .header("ce-type", "shout").contentType("text/plain; charset=UTF-8").body("hi")
                .when().post("/")
                .then().statusCode(200)
                .header("ce-type", "shout.output")
                .header("Content-Type", "text/plain; charset=UTF-8")
                .body(equalTo("HI!"));
    }

    @Test
    void binaryCloudEventWithTextDataForAJsonFunctionIs415() {
        given().header("ce-specversion", "1.0").header("ce-id", "t-2").header("ce-source", "/tests")
                .header("ce-type", "greet").contentType("text/plain").body("Ada")
                .when().post("/")
                .then().statusCode(415).contentType(PROBLEM).body("code", equalTo("unsupported-media-type"));
    }

    @Test
    void structuredCloudEventWithStringDataAnswersStringData() {
        String event = "{\"specversion\":\"1.0\",\"id\":\"t-3\",\"source\":\"/tests\",\"type\":\"shout\","
                + "\"datacontenttype\":\"text/plain\",\"data\":\"hi there\"}";
        given().contentType("application/cloudevents+json").body(event)
                .when().post("/")
                .then().statusCode(200)
                .contentType("application/cloudevents+json")
                .body("datacontenttype", equalTo("text/plain; charset=UTF-8"))
                .body("data", equalTo("HI THERE!"));
    }

    @Test
    void structuredCloudEventWithBase64DataAnswersBase64Data() {
        byte[] data = { 1, 2, (byte) 0xFE };
        String event = "{\"specversion\":\"1.0\",\"id\":\"t-4\",\"source\":\"/tests\",\"type\":\"reverse\","
                + "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}";
        Response response = given().contentType("application/cloudevents+json").body(event).when().post("/");

        response.then().statusCode(200)
                .body("datacontenttype", equalTo("application/octet-stream"))
                .body("data", equalTo(null));
        assertThat(Base64.getDecoder().decode(response.path("data_base64").toString()))
                .containsExactly((byte) 0xFE, 2, 1);
    }
}
