package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * One artifact, N Lambda functions on the managed runtime: the handler class generated for {@code greet}, as
 * sam.jvm.yaml names it for {@code GreetFunction}, serves {@code greet} with no export set.
 */
class GeneratedHandlerUnderRuntimeClientIT {

    static RuntimeApiServer api;
    static LambdaProcess lambda;

    @BeforeAll
    static void start() throws Exception {
        api = new RuntimeApiServer();
        lambda = LambdaProcess.start(api, Map.of(), LambdaProcess.jvmHandlerOf("GreetFunction"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        api.close();
    }

    @Test
    void templateNamesTheGeneratedHandlerOfTheFunction() throws Exception {
        assertThat(LambdaProcess.jvmHandlerOf("GreetFunction"))
                .isEqualTo("io.quarkiverse.functions.amazonlambda.handlers.GreetHandler::handleRequest");
        assertThat(LambdaProcess.jvmHandlerOf("AuditEntriesFunction"))
                .isEqualTo("io.quarkiverse.functions.amazonlambda.handlers.AuditEntriesHandler::handleRequest");
    }

    @Test
    void generatedHandlerServesItsFunctionWithoutAnExport() throws Exception {
        Posted reply = api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(lambda.output.toString()).isEqualTo("response");
        assertThat(Events.JSON.readTree(reply.body()).path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void httpEventsToAFunctionsOwnLambdaGoToThatFunction() throws Exception {
        Posted reply = api.invoke(Events.httpApi("POST", "/anything", "{\"name\":\"Bo\"}").toString())
                .get(60, TimeUnit.SECONDS);

        String body = Events.JSON.readTree(reply.body()).path("body").asText();
        assertThat(Events.JSON.readTree(body).path("message").asText()).isEqualTo("Hello Bo!");
    }
}
