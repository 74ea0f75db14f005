package io.quarkiverse.functions.it.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.test.FunctionEvents;
import io.quarkiverse.functions.test.GoogleCloudFunctionsEvents;
import io.quarkiverse.functions.test.HttpEventReply;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public test API on Google Cloud Functions: requests and events handed in process to the entry point a
 * deployment exporting the function runs, as the Functions Framework hands them.
 */
@QuarkusTest
class FunctionEventsTest {

    static final String ADA = "{\"name\":\"Ada\"}";
    static final String HELLO_ADA = "{\"message\":\"Hello Ada!\"}";

    // tag::pubsub[]
    @Test
    void pubSubMessageIsAcknowledged() {
        HttpEventReply reply = FunctionEvents.googleCloudFunctions("greet").pubsub("{\"name\":\"Ada\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void poisonMessageIsAcknowledgedNotRetried() {
        HttpEventReply reply = FunctionEvents.googleCloudFunctions("greet").pubsub("{\"name\":\"\"}");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isNull();
    }

    @Test
    void transientFailureAsksForARetry() {
        HttpEventReply reply = FunctionEvents.googleCloudFunctions("fail").pubsub("{\"kind\":\"transient\"}");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("retry-after")).isEqualTo("7");
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
    }
    // end::pubsub[]

    // tag::cloudevent[]
    @Test
    void cloudEventIsAnsweredWithTheReplyEvent() {
        HttpEventReply reply = FunctionEvents.googleCloudFunctions("greet")
                .cloudEvent("com.example.greeting.requested", "{\"name\":\"Ada\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ce-type")).isNotBlank();
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
    }
    // end::cloudevent[]

    // tag::http[]
    @Test
    void httpRequestIsAnsweredAsTheHttpBindingAnswers() {
        GoogleCloudFunctionsEvents greet = FunctionEvents.googleCloudFunctions("greet");

        HttpEventReply posted = greet.http("{\"name\":\"Ada\"}");
        HttpEventReply queried = greet.http("GET", "/?name=Ada", Map.of(), null);
        HttpEventReply invalid = greet.http("{\"name\":\"\"}");

        assertThat(posted.status()).isEqualTo(200);
        assertThat(posted.header("content-type")).startsWith("application/json");
        assertThat(posted.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
        assertThat(queried.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("x-request-id")).isEqualTo(invalid.requestId());
    }
    // end::http[]

    @Test
    void storageEventCarriesTheObjectMetadata() {
        HttpEventReply reply = FunctionEvents.googleCloudFunctions("uploaded").event("storage", ADA);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("path").asText()).startsWith("uploaded-uploads/incoming/");
        assertThat(reply.json().path("size").asLong()).isEqualTo(ADA.length());
    }

    @Test
    void everySampleKindIsAnsweredAsTheBindingAnswers() {
        GoogleCloudFunctionsEvents greet = FunctionEvents.googleCloudFunctions("greet");

        for (String kind : new String[] { "http", "pubsub", "cloudevent", "legacy-pubsub" }) {
            HttpEventReply reply = greet.event(kind, ADA);
            assertThat(reply.status()).as(kind).isEqualTo(200);
            assertThat(reply.body()).as(kind).isEqualTo(HELLO_ADA);
            assertThat(reply.requestId()).as(kind).isNotBlank();
        }
        // the function receives the object's metadata: its name is the object's
        assertThat(greet.event("storage", ADA).json().path("message").asText()).startsWith("Hello incoming/");
        // the document change has no name: a poison event, acknowledged
        assertThat(greet.event("firestore", ADA).status()).isEqualTo(204);
    }

    @Test
    void anotherPlatformIsAClearFailure() {
        assertThatThrownBy(() -> FunctionEvents.lambda("greet"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no AWS Lambda binding")
                .hasMessageContaining("quarkus-functions-amazon-lambda");
    }
}
