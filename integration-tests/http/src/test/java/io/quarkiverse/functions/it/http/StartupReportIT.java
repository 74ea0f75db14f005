package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The start-up report of the packaged application (the jar, or the native executable): one line, once the first
 * invocation is answered, with the phases of this cold start in order.
 */
class StartupReportIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePackagedAppReportsThePhasesOfItsColdStart() throws Exception {
        try (RunningApp app = RunningApp.start(List.of("-Dquarkus.functions.startup-report=true"))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://localhost:" + app.port + "/greet"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            String line = app.awaitLine(l -> l.contains("Start-up report: "));
            String message = JSON.readTree(line).path("message").asText();
            JsonNode report = JSON.readTree(message.substring(message.indexOf("Start-up report: ") + 17));

            assertThat(report.path("platform").asText()).isEqualTo("http");
            assertThat(report.path("mode").asText()).isEqualTo(PackagedApp.isNative() ? "native" : "jvm");
            List<String> names = new ArrayList<>();
            long previousStart = -1;
            for (JsonNode phase : report.path("phases")) {
                names.add(phase.path("name").asText());
                assertThat(phase.path("ms").asDouble()).as("phase %s", phase).isGreaterThanOrEqualTo(0);
                assertThat(phase.path("startMs").asLong()).as("phases in order: %s", phase)
                        .isGreaterThanOrEqualTo(previousStart);
                previousStart = phase.path("startMs").asLong();
            }
            assertThat(names).contains("runtime-init", "to-ready", "ready-to-first-event", "first-invocation");
            assertThat(report.path("firstResponseMs").asLong()).isGreaterThanOrEqualTo(report.path("readyMs").asLong());
        }
    }
}
