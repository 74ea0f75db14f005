package io.quarkiverse.functions.it.gcf;

import static io.quarkiverse.functions.it.gcf.HttpFunctionIT.assertNoInternals;
import static io.quarkiverse.functions.it.gcf.InvokerProcess.ofRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event entry point under the real invoker, as an event-triggered function receives events: CloudEvents in binary
 * and structured mode (Eventarc), and legacy background events (Cloud Functions 1st gen), each routed by type.
 */
class CloudEventFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static InvokerProcess invoker;

    @BeforeAll
    static void start() throws Exception {
        invoker = InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (invoker != null) {
            invoker.close();
        }
    }

    @Test
    void binaryModeEventIsAnsweredByTheFunctionOfItsType() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(binary("greet", "evt-1", "{\"name\":\"Ada\"}")
                .header("Function-Execution-Id", executionId).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
        assertThat(response.headers().firstValue("ce-type")).hasValue("greet.output");
        assertThat(response.headers().firstValue("ce-source")).hasValue("greet");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(executionId);
        assertThat(invoker.awaitLine(ofRequest(executionId)).path("message").asText()).isEqualTo("Greeting a caller");
    }

    @Test
    void structuredModeEventIsAnsweredInStructuredMode() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"evt-2\",\"source\":\"/tests\","
                        + "\"type\":\"greet\",\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"Ada\"}}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/cloudevents+json");
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("type").asText()).isEqualTo("greet.output");
        assertThat(reply.path("data").path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void aMappedTypeReachesItsFunction() throws Exception {
        HttpResponse<String> response = invoker.send(binary("com.example.greeting.requested", "evt-3", "{\"name\":\"Bo\"}")
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Bo!\"}");
    }

    @Test
    void pubSubCloudEventGivesThePublishedMessageToTheFunction() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", "4719213285211088")
                .header("ce-source", "//pubsub.googleapis.com/projects/example-project/topics/greetings")
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                .header("ce-time", "2024-05-18T12:13:20.101Z")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(resource("events/pubsub/message-published-data.json")))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Grace!\"}");
    }

    @Test
    void legacyPubSubEventIsConvertedAndServedBySameFunction() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.postJson("/", resource("events/pubsub/legacy-publish.json"),
                "Function-Execution-Id", executionId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
        JsonNode line = invoker.awaitLine(ofRequest(executionId));
        assertThat(line.path("logging.googleapis.com/labels").path("function").asText()).isEqualTo("greet");
    }

    @Test
    void legacyStorageEventIsConvertedAndServedByTheUploadFunction() throws Exception {
        HttpResponse<String> response = invoker.postJson("/", resource("events/storage/legacy-finalize.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"path\":\"example-uploads/reports/2024/may.csv\",\"contentType\":\"text/csv\",\"size\":4096}"));
    }

    @Test
    void legacyRealtimeDatabaseEventIsConvertedAndRoutedByItsCloudEventType() throws Exception {
        // application.properties routes google.firebase.database.ref.v1.written to `context`
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.postJson("/", resource("events/firebase-database/legacy-ref-write.json"),
                "Function-Execution-Id", executionId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).hasValue("context.output");
        JsonNode context = JSON.readTree(response.body());
        assertThat(context.path("functionName").asText()).isEqualTo("context");
        assertThat(context.path("requestId").asText()).isEqualTo(executionId);
    }

    @Test
    void legacyRealtimeDatabaseEventWithoutDomainIs400() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("events/firebase-database/legacy-ref-write.json"));
        event.remove("domain");

        assertInvalidCloudEvent(invoker.postJson("/", event.toString()), "the legacy Firebase Realtime Database event "
                + "has no domain (a string such as firebaseio.com), which gives the database's location.");
    }

    @Test
    void storageCloudEventIsServedByTheUploadFunction() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(resource("events/storage/object-finalized.json"))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data")).isEqualTo(JSON.readTree(
                "{\"path\":\"example-uploads/images/logo.png\",\"contentType\":\"image/png\",\"size\":12345}"));
    }

    @Test
    void eventWithoutIdIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "1.0").header("ce-source", "/tests").header("ce-type", "greet")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        assertInvalidCloudEvent(response, "the required attribute 'id' (header ce-id) is missing.");
    }

    @Test
    void unknownSpecVersionIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "0.9").header("ce-id", "evt-4").header("ce-source", "/tests")
                .header("ce-type", "greet").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        assertInvalidCloudEvent(response, "attribute 'specversion' (header ce-specversion) must be 1.0, the CloudEvents "
                + "version this server implements, not '0.9'.");
    }

    @Test
    void unknownSpecVersionInStructuredModeIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"specversion\":\"9.9\",\"id\":\"evt-5\",\"source\":\"/tests\",\"type\":\"greet\"}"))
                .build());
        assertInvalidCloudEvent(response, "attribute 'specversion' must be 1.0, the CloudEvents version this server "
                + "implements, not '9.9'.");
    }

    @Test
    void specVersion03Is400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "0.3").header("ce-id", "evt-12").header("ce-source", "/tests")
                .header("ce-type", "greet").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        assertInvalidCloudEvent(response, "attribute 'specversion' (header ce-specversion) must be 1.0, the CloudEvents "
                + "version this server implements, not '0.3'.");
    }

    @Test
    void structuredAttributeOfTheWrongJsonTypeIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"evt-13\",\"source\":\"/tests\","
                        + "\"type\":\"greet\",\"time\":12,\"data\":{\"name\":\"Ada\"}}"))
                .build());
        assertInvalidCloudEvent(response, "attribute 'time' must be a JSON string, not a number.");
    }

    @Test
    void emptySubjectIs400() throws Exception {
        HttpResponse<String> response = invoker.send(binary("greet", "evt-14", "{\"name\":\"Ada\"}")
                .header("ce-subject", "").build());
        assertInvalidCloudEvent(response, "attribute 'subject' (header ce-subject) must be a non-empty string.");
    }

    @Test
    void invalidPercentEncodingIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "1.0").header("ce-id", "evt-6").header("ce-source", "/tests%ZZ")
                .header("ce-type", "greet").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        assertInvalidCloudEvent(response, "header ce-source has an invalid percent-encoding.");
    }

    @Test
    void structuredEventThatIsNotJsonIs400() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",")).build());
        assertInvalidCloudEvent(response, "the structured event could not be read as JSON.");
    }

    @Test
    void aBodyThatIsNoEventIs400() throws Exception {
        assertInvalidCloudEvent(invoker.postJson("/", "{\"name\":\"Ada\"}"),
                "it is neither a CloudEvent (ce-* headers, or Content-Type application/cloudevents+json) nor a legacy "
                        + "Cloud Functions event (JSON with eventType and eventId).");
        assertInvalidCloudEvent(invoker.postJson("/", "not json"),
                "it is neither a CloudEvent (ce-* headers, or Content-Type application/cloudevents+json) nor a legacy "
                        + "Cloud Functions event (JSON with eventType and eventId).");
    }

    @Test
    void unknownLegacyTypeIs400() throws Exception {
        assertInvalidCloudEvent(invoker.postJson("/", "{\"context\":{\"eventId\":\"1\",\"eventType\":\"example.unknown\","
                + "\"resource\":\"projects/p\"},\"data\":{}}"),
                "the legacy event type 'example.unknown' is not one this binding converts (Pub/Sub, Cloud Storage, "
                        + "Firestore, Firebase).");
    }

    @Test
    void typeThatNoFunctionServesIs404() throws Exception {
        HttpResponse<String> response = invoker.send(binary("com.example.unknown", "evt-7", "{}").build());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("function-not-found");
    }

    @Test
    void transientErrorIs503SoThatTheEventIsRetried() throws Exception {
        HttpResponse<String> response = invoker.send(binary("fail", "evt-8", "{\"kind\":\"transient\"}").build());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("transient-error");
    }

    @Test
    void internalErrorIs500WithoutInternals() throws Exception {
        HttpResponse<String> response = invoker.send(binary("fail", "evt-9", "{\"kind\":\"internal\"}").build());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("hunter2");
        assertNoInternals(response.body());
    }

    @Test
    void clientErrorIsAcknowledgedAndLoggedAsPoison() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(binary("fail", "evt-10", "{\"kind\":\"client\"}")
                .header("Function-Execution-Id", executionId).build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(executionId);
        JsonNode poison = invoker.awaitLine(ofRequest(executionId).and(line -> line.path("severity").asText().equals("WARN")));
        assertThat(poison.path("message").asText()).isEqualTo("Poison event acknowledged, it will not be retried: "
                + "CloudEvent evt-10 of type fail was rejected with 422 order-rejected: The order cannot be accepted as sent.");
        assertThat(poison.path("loggerName").asText()).isEqualTo("io.quarkiverse.functions.googlecloudfunctions");
        assertThat(poison.path("logging.googleapis.com/labels").path("function").asText()).isEqualTo("fail");
        assertThat(poison.has("exception")).as("no stack trace for a client error").isFalse();
    }

    @Test
    void malformedJsonDataIsAcknowledgedAsPoison() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(binary("greet", "evt-11", "{\"name\":")
                .header("Function-Execution-Id", executionId).build());

        assertThat(response.statusCode()).isEqualTo(204);
        JsonNode poison = invoker.awaitLine(ofRequest(executionId).and(line -> line.path("severity").asText().equals("WARN")));
        assertThat(poison.path("message").asText()).contains("rejected with 400 malformed-json");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = invoker.send(invoker.request("/").GET().build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    private static HttpRequest.Builder binary(String type, String id, String data) {
        return invoker.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", type)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data));
    }

    private static void assertInvalidCloudEvent(HttpResponse<String> response, String detail) throws IOException {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("invalid-cloudevent");
        assertThat(problem.path("detail").asText()).isEqualTo("The request is not a valid CloudEvent: " + detail);
        assertThat(problem.path("instance").asText()).isNotEmpty().isEqualTo(response.headers().firstValue("X-Request-Id")
                .orElseThrow());
        assertNoInternals(response.body());
    }

    static String resource(String path) throws IOException {
        try (InputStream in = CloudEventFunctionIT.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
