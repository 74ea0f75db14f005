package io.quarkiverse.functions.it.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A deployment that exports a function the application does not have fails when the instance starts, with a message
 * that says what to set, rather than on its first request.
 */
class StartupFailureIT {

    @Test
    void anUnknownExportedFunctionStopsTheInstanceAtStartUp() throws Exception {
        try (InvokerProcess invoker = InvokerProcess.launch(InvokerProcess.EVENT_ENTRY_POINT,
                Map.of("QUARKUS_FUNCTIONS_EXPORT", "gret"))) {
            assertThat(invoker.awaitExit()).isNotZero();

            JsonNode reason = invoker.awaitLine(line -> line.toString().contains("which names no function"));
            assertThat(reason.toString()).contains("quarkus.functions.export (QUARKUS_FUNCTIONS_EXPORT) is 'gret', "
                    + "which names no function. Available functions: [")
                    .contains("greet");
            invoker.awaitLine(line -> line.path("raw").asText().contains("Quarkus Functions could not start"));
            for (JsonNode line : invoker.lines()) {
                assertThat(line.path("raw").asText()).doesNotContain("Serving function");
            }
        }
    }
}
