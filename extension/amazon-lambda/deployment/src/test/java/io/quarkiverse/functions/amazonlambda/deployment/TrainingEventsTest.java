package io.quarkiverse.functions.amazonlambda.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the AOT cache's training run sends: each function by HTTP API and by CloudEvent with its sample input, the
 * exported function by a plain event, and one malformed body.
 */
class TrainingEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("greet", "{\"name\":\"x\"}");
        inputs.put("tick", null);
        return inputs;
    }

    @Test
    void everyFunctionByHttpAndByCloudEventThenTheExportAndAMalformedBody() throws Exception {
        List<String> events = JvmCustomRuntimeProcessor.trainingEvents(inputs(), Optional.of("greet"), Optional.empty());

        assertThat(events).hasSize(6);
        JsonNode http = JSON.readTree(events.get(0));
        assertThat(http.path("rawPath").asText()).isEqualTo("/greet");
        assertThat(http.path("body").asText()).isEqualTo("{\"name\":\"x\"}");
        JsonNode cloudEvent = JSON.readTree(events.get(1));
        assertThat(cloudEvent.path("type").asText()).isEqualTo("greet");
        assertThat(cloudEvent.path("data").path("name").asText()).isEqualTo("x");
        assertThat(JSON.readTree(events.get(2)).path("body").asText()).isEmpty();
        assertThat(JSON.readTree(events.get(3)).has("data")).isFalse();
        assertThat(events.get(4)).isEqualTo("{\"name\":\"x\"}");
        assertThat(JSON.readTree(events.get(5)).path("body").asText()).isEqualTo("{");
    }

    @Test
    void noPlainEventWhenNoFunctionServesIt() {
        List<String> events = JvmCustomRuntimeProcessor.trainingEvents(inputs(), Optional.empty(), Optional.empty());

        assertThat(events).hasSize(5).noneMatch(event -> event.equals("{\"name\":\"x\"}"));
    }

    @Test
    void trainingFunctionsLeavesTheOthersOut() throws Exception {
        List<String> events = JvmCustomRuntimeProcessor.trainingEvents(inputs(), Optional.of("greet"),
                Optional.of(List.of("tick")));

        assertThat(events).hasSize(3).noneMatch(event -> event.contains("greet"));
        assertThat(JSON.readTree(events.get(2)).path("rawPath").asText()).isEqualTo("/tick");
    }

    @Test
    void anUnknownTrainingFunctionFailsTheBuild() {
        assertThatThrownBy(() -> JvmCustomRuntimeProcessor.trainingEvents(inputs(), Optional.empty(),
                Optional.of(List.of("gret"))))
                .hasMessageContaining("training-functions names 'gret', which is no function")
                .hasMessageContaining("[greet, tick]");
    }

    @Test
    void bootstrapStartsTheMainClassOnTheBundledRuntimeWithTheCache() {
        String bootstrap = JvmCustomRuntimeProcessor.bootstrap("app-runner.jar", List.of("--add-opens=java.base/java.lang=ALL-UNNAMED"));

        assertThat(bootstrap).startsWith("#!/bin/sh\n")
                .contains("heap=\"-Xmx$((AWS_LAMBDA_FUNCTION_MEMORY_SIZE * 85 / 100))m"
                        + " -Xms$((AWS_LAMBDA_FUNCTION_MEMORY_SIZE * 25 / 100))m\"")
                .contains("exec ./jre/bin/java -XX:AOTCache=app.aot ")
                .contains(" --add-opens=java.base/java.lang=ALL-UNNAMED $heap -cp app-runner.jar "
                        + "io.quarkiverse.functions.amazonlambda.runtime.CustomRuntimeMain\n");
    }
}
