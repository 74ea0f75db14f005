package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The packaged function.zip under AWS's runtime interface client, exporting {@code greet}, with the handler that
 * sam.jvm.yaml names.
 */
class GreetUnderRuntimeClientIT extends GreetContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }

    @Test
    void handlerIsTheOneTheSamTemplateNames() throws Exception {
        assertThat(LambdaProcess.jvmHandler())
                .isEqualTo("io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler::handleRequest");
    }

    @Test
    void samTemplateReferencesTheGeneratedContracts() throws Exception {
        String template = java.nio.file.Files.readString(LambdaProcess.TARGET.resolve("sam.jvm.yaml"));
        assertThat(template).contains("      InputSchema: functions/schemas/greet.input.schema.json\n"
                + "      OutputSchema: functions/schemas/greet.output.schema.json\n");
        JsonNode schema = Events.JSON.readTree(
                LambdaProcess.TARGET.resolve("functions/schemas/greet.input.schema.json").toFile());
        assertThat(schema.path("properties").has("name")).isTrue();
    }
}
