package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.test.FunctionEvents;
import io.quarkiverse.functions.test.HttpEventReply;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The test API on the HTTP binding: requests and CloudEvents handled in process by the binding's dispatcher, answered
 * as over the network.
 */
@QuarkusTest
class FunctionEventsTest {

    // tag::http[]
    @Test
    void requestIsAnsweredWithTheResult() {
        HttpEventReply reply = FunctionEvents.http("greet").post("{\"name\":\"Ada\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
        assertThat(reply.header("x-request-id")).isEqualTo(reply.requestId());
    }

    @Test
    void cloudEventIsRoutedByItsTypeAndAnsweredWithTheReplyEvent() {
        HttpEventReply reply = FunctionEvents.http("greet").cloudEvent("com.example.greeting.requested", "{\"name\":\"Ada\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ce-type")).isNotBlank();
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
    }
    // end::http[]

    @Test
    void invalidInputIsAProblem() {
        HttpEventReply reply = FunctionEvents.http("greet").post("{\"name\":\"\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.json().path("code").asText()).isEqualTo("validation-failed");
    }

    @Test
    void structuredCloudEventOfTheFunctionsOwnTypeIsAnswered() {
        HttpEventReply reply = FunctionEvents.http("greet").event("cloudevent", "{\"name\":\"Grace\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("content-type")).startsWith("application/cloudevents+json");
        assertThat(reply.json().path("data").path("message").asText()).isEqualTo("Hello Grace!");
    }

    @Test
    void anotherPlatformIsRefusedWithTheDependencyToAdd() {
        assertThatThrownBy(() -> FunctionEvents.lambda("greet"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("quarkus-functions-amazon-lambda");
    }
}
