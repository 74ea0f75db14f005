package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.TextFunctions;
import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.test.FunctionEvents;
import io.quarkiverse.functions.test.HttpEventReply;
import io.quarkiverse.functions.test.LambdaBatchReply;
import io.quarkiverse.functions.test.LambdaReply;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public test API on Lambda: events delivered in process through the binding's handler, as the handler generated
 * for each function serves them, without the mock event server.
 */
@QuarkusTest
class FunctionEventsTest {

    @Inject
    TextFunctions text;

    static final String ADA = "{\"name\":\"Ada\"}";
    static final String HELLO_ADA = "{\"message\":\"Hello Ada!\"}";

    // tag::sqs[]
    @Test
    void sqsBatchReportsExactlyTheBadMessage() {
        LambdaBatchReply reply = FunctionEvents.lambda("greet").sqs("{\"name\":\"Ada\"}", "{\"name\":\"\"}");

        assertThat(reply.failedMessageIds()).containsExactly(reply.messageIds().get(1));
        assertThat(reply.failedBodies()).containsExactly("{\"name\":\"\"}");
    }
    // end::sqs[]

    @Test
    void kinesisBatchReportsTheFailedRecordBySequenceNumber() {
        LambdaBatchReply reply = FunctionEvents.lambda("fail").kinesis("{\"kind\":\"none\"}", "{\"kind\":\"transient\"}",
                "{\"kind\":\"none\"}");

        assertThat(reply.failedMessageIds()).containsExactly(reply.messageIds().get(1));
    }

    // tag::api-gateway[]
    @Test
    void apiGatewayV2RequestIsAnsweredWithTheHttpResponse() {
        HttpEventReply reply = FunctionEvents.lambda("greet")
                .apiGatewayV2("POST", "/greet", Map.of("content-type", "application/json"), "{\"name\":\"Ada\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
    }
    // end::api-gateway[]

    @Test
    void apiGatewayV2BadInputIsAProblem() {
        HttpEventReply reply = FunctionEvents.lambda("greet")
                .apiGatewayV2("POST", "/greet", Map.of("content-type", "application/json"), "{\"name\":\"\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        assertThat(reply.header("x-request-id")).isNotBlank();
        assertThat(reply.body()).contains("name").doesNotContain("Exception");
    }

    @Test
    void restApiAndAlbRequestsReadTheQuery() {
        HttpEventReply v1 = FunctionEvents.lambda("greet").apiGatewayV1("GET", "/greet?name=Ada", Map.of(), null);
        HttpEventReply alb = FunctionEvents.lambda("greet").alb("GET", "/greet?name=Ada", Map.of(), null);

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body()).isEqualTo(HELLO_ADA);
        assertThat(alb.status()).isEqualTo(200);
        assertThat(alb.body()).isEqualTo(HELLO_ADA);
    }

    // tag::direct[]
    @Test
    void directInvocationAnswersTheResult() {
        LambdaReply reply = FunctionEvents.lambda("greet").direct("{\"name\":\"Ada\"}");

        assertThat(reply.isError()).isFalse();
        assertThat(reply.json().path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void directInvocationReportsATypedError() {
        LambdaReply reply = FunctionEvents.lambda("fail").direct("{\"kind\":\"client\"}");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.errorType())
                .isEqualTo("io.quarkiverse.functions.amazonlambda.runtime.FunctionFailedException$ClientError");
        assertThat(reply.errorMessage()).startsWith("[order-rejected] The order cannot be accepted as sent.");
    }
    // end::direct[]

    @Test
    void everySampleKindIsAnsweredAsTheBindingAnswers() {
        var greet = FunctionEvents.lambda("greet");

        assertThat(greet.event("direct", ADA).payload()).isEqualTo(HELLO_ADA);
        for (String http : new String[] { "api-gateway-v1", "api-gateway-v2", "function-url", "alb" }) {
            LambdaReply reply = greet.event(http, ADA);
            assertThat(reply.json().path("statusCode").asInt()).as(http).isEqualTo(200);
            assertThat(reply.json().path("body").asText()).as(http).isEqualTo(HELLO_ADA);
        }
        for (String batch : new String[] { "sqs", "kinesis", "dynamodb" }) {
            assertThat(greet.event(batch, ADA).payload()).as(batch).isEqualTo("{\"batchItemFailures\":[]}");
        }
        for (String notification : new String[] { "sns", "eventbridge", "s3" }) {
            // no partial batch response: nothing to answer; the S3 record has no name, a poison record, not retried
            LambdaReply reply = greet.event(notification, ADA);
            assertThat(reply.isError()).as(notification).isFalse();
            assertThat(reply.payload()).as(notification).isNull();
        }
    }

    @Test
    void aTextFunctionReceivesTheMessageTextUnquoted() {
        var shout = FunctionEvents.lambda("shout");

        assertThat(shout.event("direct", "\"hello\"").payload()).isEqualTo("\"HELLO!\"");
        shout.event("sqs", "\"from sqs\"");
        shout.event("sns", "\"from sns\"");
        shout.kinesis("from kinesis");

        assertThat(text.heard()).contains("from sqs", "from sns", "from kinesis");
    }

    @Test
    void aTransientFailureOfANotificationFailsTheInvocation() {
        LambdaReply reply = FunctionEvents.lambda("fail").event("sns", "{\"kind\":\"transient\"}");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.errorType()).endsWith("$TransientError");
    }

    @Test
    void theEntryPointNamesTheGeneratedHandler() throws Exception {
        EventConsole console = Arc.container().select(EventConsole.class).get();

        assertThat(console.entryPoint("greet"))
                .contains("io.quarkiverse.functions.amazonlambda.handlers.GreetHandler::handleRequest")
                .contains("_HANDLER=greet");
        assertThat(Class.forName("io.quarkiverse.functions.amazonlambda.handlers.GreetHandler", false,
                Thread.currentThread().getContextClassLoader())).isNotNull();
    }

    @Test
    void anotherPlatformIsAClearFailure() {
        assertThatThrownBy(() -> FunctionEvents.googleCloudFunctions("greet"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Google Cloud Functions binding")
                .hasMessageContaining("quarkus-functions-google-cloud-functions")
                .hasMessageContaining("[AWS Lambda]");
    }
}
