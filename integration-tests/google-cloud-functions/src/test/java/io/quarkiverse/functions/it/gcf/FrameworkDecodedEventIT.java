package io.quarkiverse.functions.it.gcf;

import static io.quarkiverse.functions.it.gcf.CloudEventFunctionIT.resource;
import static io.quarkiverse.functions.it.gcf.InvokerProcess.ofRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The event entry point when the Functions Framework is told to decode events itself
 * ({@code FUNCTION_SIGNATURE_TYPE=cloudevent}): the function still serves the event, retries still follow the error
 * table, but the framework answers {@code 200} or {@code 500} only.
 */
class FrameworkDecodedEventIT {

    private static InvokerProcess invoker;

    @BeforeAll
    static void start() throws Exception {
        invoker = InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, Map.of("FUNCTION_SIGNATURE_TYPE", "cloudevent"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (invoker != null) {
            invoker.close();
        }
    }

    @Test
    void structuredEventIsServedByTheFunctionOfItsTypeWithTheEventIdAsRequestId() throws Exception {
        String id = "evt-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/tests\","
                        + "\"type\":\"greet\",\"datacontenttype\":\"application/json\",\"data\":{\"name\":\"Ada\"},"
                        + "\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = invoker.awaitLine(ofRequest(id));
        assertThat(line.path("message").asText()).isEqualTo("Greeting a caller");
        assertThat(line.path("logging.googleapis.com/trace").asText())
                .isEqualTo("projects/" + InvokerProcess.PROJECT + "/traces/4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void legacyPubSubEventConvertedByTheFrameworkReachesTheFunction() throws Exception {
        HttpResponse<String> response = invoker.postJson("/", resource("events/pubsub/legacy-publish.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        // the framework converts it; the binding gives the function the published message, {"name":"Ada"}
        JsonNode line = invoker.awaitLine(ofRequest("4719213285211087"));
        assertThat(line.path("logging.googleapis.com/labels").path("function").asText()).isEqualTo("greet");
    }

    @Test
    void clientErrorIsAcknowledgedAndLoggedAsPoison() throws Exception {
        String id = "evt-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(binary("fail", id, "{\"kind\":\"client\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode poison = invoker.awaitLine(ofRequest(id).and(line -> line.path("severity").asText().equals("WARN")));
        assertThat(poison.path("message").asText()).startsWith("Poison event acknowledged, it will not be retried");
    }

    @Test
    void transientErrorIs500SoThatTheEventIsRetried() throws Exception {
        String id = "evt-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(binary("fail", id, "{\"kind\":\"transient\"}"));

        assertThat(response.statusCode()).isEqualTo(500);
        // the framework logs what failed, in its own format, without a stack trace from the binding
        JsonNode failure = invoker.awaitLine(line -> line.path("raw").asText().contains("Function 'fail' failed with 503 "
                + "transient-error: The inventory service is unavailable. Request id " + id + "."));
        assertThat(failure).isNotNull();
    }

    @Test
    void anEventTheFrameworkLetsThroughButThatBreaksARuleIsAcknowledgedAsPoison() throws Exception {
        // the framework reads specversion 0.3 and an empty subject; CloudEvents 1.0 allows neither
        String oldVersion = "evt-" + UUID.randomUUID();
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"0.3\",\"id\":\"" + oldVersion
                        + "\",\"source\":\"/tests\",\"type\":\"greet\",\"datacontenttype\":\"application/json\","
                        + "\"data\":{\"name\":\"Ada\"}}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertPoison(oldVersion, "attribute 'specversion' must be 1.0, the CloudEvents version this server implements, "
                + "not '0.3'.");

        String emptySubject = "evt-" + UUID.randomUUID();
        // structured: the framework drops an empty ce-subject header before it builds the event
        response = invoker.send(invoker.request("/")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"" + emptySubject
                        + "\",\"source\":\"/tests\",\"type\":\"greet\",\"subject\":\"\",\"data\":{\"name\":\"Ada\"}}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertPoison(emptySubject, "attribute 'subject' must be a non-empty string.");
    }

    private static void assertPoison(String id, String detail) throws Exception {
        JsonNode poison = invoker.awaitLine(ofRequest(id).and(line -> line.path("severity").asText().equals("WARN")));
        assertThat(poison.path("message").asText()).isEqualTo("Poison event acknowledged, it will not be retried: "
                + "CloudEvent " + id + " of type greet was rejected with 400 invalid-cloudevent: The request is not a valid "
                + "CloudEvent: " + detail);
        // the function did not run: it would have logged its greeting before the poison line
        assertThat(invoker.lines()).filteredOn(ofRequest(id))
                .noneMatch(line -> line.path("message").asText().equals("Greeting a caller"));
    }

    @Test
    void invalidEventIsAnsweredByTheFramework500() throws Exception {
        // the limitation that the HTTP mode of the entry point removes: the framework rejects it before the binding
        HttpResponse<String> response = invoker.send(invoker.request("/")
                .header("ce-specversion", "1.0").header("ce-source", "/tests").header("ce-type", "greet")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build());
        assertThat(response.statusCode()).isEqualTo(500);
    }

    private static HttpRequest binary(String type, String id, String data) {
        return invoker.request("/")
                .header("ce-specversion", "1.0")
                .header("ce-id", id)
                .header("ce-source", "/tests")
                .header("ce-type", type)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data))
                .build();
    }
}
