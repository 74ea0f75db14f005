package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkiverse.functions.opentelemetry.deployment.OtlpReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The application with quarkus-opentelemetry (test scope: the packaged application has none), exporting over
 * OTLP/HTTP to a receiver that decodes the protobuf. An SQS batch through the real poll loop: one CONSUMER span per
 * record, linked to the context its producer gave it; spans and metrics are exported before the response is posted.
 */
@QuarkusTest
@TestProfile(OpenTelemetryTest.WithTelemetry.class)
class OpenTelemetryTest {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    static final Path LOG = Path.of("target", "lambda-opentelemetry.log");

    public static class WithTelemetry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.export", "greet",
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.metrics.enabled", "true",
                    "quarkus.otel.exporter.otlp.endpoint", OtlpReceiver.start().endpoint(),
                    "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @Test
    void anSqsBatchGivesAConsumerSpanPerRecordLinkedToItsProducer() throws Exception {
        ObjectNode event = Events.sqs("{\"name\":\"Ada\"}", "{\"name\":\"\"}");
        ArrayNode records = (ArrayNode) event.get("Records");
        ((ObjectNode) records.get(0).get("attributes")).put("AWSTraceHeader",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        ((ObjectNode) records.get(1)).putObject("messageAttributes").putObject("traceparent")
                .put("stringValue", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put("dataType", "String");

        JsonNode response = Events.JSON.readTree(MockEventServer.invoke(event).asString());

        assertThat(response.path("batchItemFailures").get(0).path("itemIdentifier").asText()).isEqualTo("msg-2");
        // no flush by the test: the handler exported before it answered
        List<Span> spans = RECEIVER.spans("greet");
        assertThat(spans).hasSize(2);
        Span first = record(spans, "msg-1");
        Span second = record(spans, "msg-2");
        for (Span span : spans) {
            assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
            assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                    .containsEntry("faas.trigger", "pubsub")
                    .containsEntry("faas.name", "greet")
                    .containsEntry("cloud.provider", "aws")
                    .containsEntry("cloud.platform", "aws_lambda");
            assertThat(span.getLinksList()).hasSize(1);
        }
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
        // X-Ray's root 1-5759e988-bd862e3fe1be46a994272793 is the trace 5759e988bd862e3fe1be46a994272793
        assertThat(OtlpReceiver.hex(first.getLinks(0).getTraceId())).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(OtlpReceiver.hex(first.getLinks(0).getSpanId())).isEqualTo("53995c3f42cd8ad8");
        assertThat(OtlpReceiver.hex(second.getLinks(0).getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(OtlpReceiver.attributes(first.getAttributesList())).doesNotContainKey("error.type")
                .containsEntry("faas.coldstart", "true");
        assertThat(OtlpReceiver.attributes(second.getAttributesList())).containsEntry("error.type", "client")
                .containsEntry("faas.coldstart", "false");

        String requestId = OtlpReceiver.attributes(first.getAttributesList()).get("faas.invocation_id");
        assertThat(logLine(requestId, "Greeting a caller").path("mdc").path("trace_id").asText())
                .isEqualTo(OtlpReceiver.hex(first.getTraceId()));

        Map<String, String> greet = Map.of("faas.name", "greet", "faas.trigger", "pubsub",
                "functions.platform", "amazon_lambda");
        assertThat(RECEIVER.lastSum("faas.invocations", greet)).isEqualTo(2);
        assertThat(RECEIVER.lastSum("faas.coldstarts", greet)).isEqualTo(1);
        assertThat(RECEIVER.lastSum("faas.errors", Map.of("faas.name", "greet", "error.type", "client"))).isEqualTo(1);
        assertThat(RECEIVER.lastHistogram("faas.invoke_duration", greet)[0]).isEqualTo(2);
        assertThat(RECEIVER.lastHistogram("functions.batch.records", greet)).containsExactly(1, 2);
        assertThat(RECEIVER.lastSum("functions.batch.failed_records", greet)).isEqualTo(1);
        assertThat(RECEIVER.lastSum("functions.invocations.active", greet)).isEqualTo(0);
    }

    private static Span record(List<Span> spans, String messageId) {
        return spans.stream()
                .filter(span -> OtlpReceiver.attributes(span.getAttributesList()).get("faas.invocation_id")
                        .endsWith("/" + messageId))
                .findFirst().orElseThrow(() -> new AssertionError("No span of record " + messageId + " in " + spans));
    }

    private static JsonNode logLine(String requestId, String message) throws Exception {
        for (String text : Files.readAllLines(LOG)) {
            JsonNode line = Events.JSON.readTree(text);
            if (requestId.equals(line.path("mdc").path("request_id").asText())
                    && message.equals(line.path("message").asText())) {
                return line;
            }
        }
        throw new AssertionError("No log line '" + message + "' of request " + requestId + " in " + LOG);
    }
}
