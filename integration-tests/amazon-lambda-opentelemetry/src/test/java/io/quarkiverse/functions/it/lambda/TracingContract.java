package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;
import io.quarkiverse.functions.opentelemetry.deployment.OtlpReceiver;

/**
 * The Lambda example with quarkus-opentelemetry, packaged, {@code greet} exported, under a Runtime API of the tests'
 * own that gives every event X-Ray's sampled trace header: what each Lambda runtime (managed Java, native
 * {@code bootstrap}) must export to an OTLP receiver. Nothing here flushes or waits: the binding exports the spans and
 * metrics of an event before it posts the reply, so they are at the receiver when the reply is.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TracingContract extends RuntimeContract {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    /** The trace of {@link RuntimeApiServer#TRACE}: X-Ray's root 1-5759e988-bd8… is the trace 5759e988bd8… */
    static final String XRAY_TRACE_ID = "5759e988bd862e3fe1be46a994272793";

    @Override
    Map<String, String> env() {
        return Map.of("QUARKUS_FUNCTIONS_EXPORT", "greet",
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", RECEIVER.endpoint(),
                // metrics with every event's spans, so that each reply finds them exported (10 s by default)
                "QUARKUS_FUNCTIONS_OPENTELEMETRY_METRICS_FLUSH_INTERVAL", "0s");
    }

    @Test
    @Order(1) // the first invocation of the process
    void aDirectInvocationIsAServerSpanUnderLambdasTraceWithItsLogLines() throws Exception {
        RECEIVER.clear();
        Posted reply = api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(lambda.output.toString()).isEqualTo("response");
        Span span = single("greet");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        // sampled X-Ray context: the parent
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(XRAY_TRACE_ID);
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("53995c3f42cd8ad8");
        assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                .containsEntry("faas.name", "greet")
                .containsEntry("faas.trigger", "other")
                .containsEntry("faas.invocation_id", reply.requestId())
                .containsEntry("faas.coldstart", "true")
                .containsEntry("cloud.provider", "aws")
                .containsEntry("cloud.platform", "aws_lambda")
                .containsEntry("cloud.region", "eu-west-1")
                .containsEntry("cloud.resource_id", RuntimeApiServer.ARN)
                .doesNotContainKey("error.type");

        JsonNode line = logLine(reply.requestId(), "Greeting a caller");
        assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(XRAY_TRACE_ID);
    }

    @Test
    @Order(2)
    void anSqsBatchIsAConsumerSpanPerRecordLinkedToItsProducerAndCounted() throws Exception {
        RECEIVER.clear();
        ObjectNode event = Events.sqs("{\"name\":\"Grace\"}", "{\"name\":\"\"}");
        ArrayNode records = (ArrayNode) event.get("Records");
        ((ObjectNode) records.get(0).get("attributes")).put("AWSTraceHeader",
                "Root=1-6a1b2c3d-0123456789abcdef01234567;Parent=1122334455667788;Sampled=1");
        ((ObjectNode) records.get(1)).putObject("messageAttributes").putObject("traceparent")
                .put("stringValue", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put("dataType", "String");

        Posted reply = api.invoke(event.toString()).get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("response");
        assertThat(Events.JSON.readTree(reply.body()).path("batchItemFailures").get(0).path("itemIdentifier").asText())
                .isEqualTo("msg-2");
        List<Span> spans = RECEIVER.spans("greet");
        assertThat(spans).hasSize(2);
        Span accepted = RECEIVER.span(reply.requestId() + "/msg-1", Span.SpanKind.SPAN_KIND_CONSUMER);
        Span rejected = RECEIVER.span(reply.requestId() + "/msg-2", Span.SpanKind.SPAN_KIND_CONSUMER);
        for (Span span : spans) {
            assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
            // the invocation's sampled X-Ray context is each record's parent; the producer's is its link
            assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(XRAY_TRACE_ID);
            assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                    .containsEntry("faas.trigger", "pubsub")
                    .containsEntry("faas.coldstart", "false");
            assertThat(span.getLinksList()).hasSize(1);
        }
        assertThat(OtlpReceiver.hex(accepted.getLinks(0).getTraceId())).isEqualTo("6a1b2c3d0123456789abcdef01234567");
        assertThat(OtlpReceiver.hex(accepted.getLinks(0).getSpanId())).isEqualTo("1122334455667788");
        assertThat(OtlpReceiver.hex(rejected.getLinks(0).getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        // a client error: the kind and code, the status left unset, and nothing of the input or of the message
        assertThat(OtlpReceiver.attributes(rejected.getAttributesList()))
                .containsEntry("error.type", "client")
                .containsEntry("functions.error.code", "validation-failed");
        assertThat(rejected.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        assertThat(rejected.toString()).doesNotContain("must not be blank");
        assertThat(logLine(reply.requestId() + "/msg-1", "Greeting a caller").path("mdc").path("trace_id").asText())
                .isEqualTo(XRAY_TRACE_ID);

        // cumulative over the process: the direct invocation of the first test, then this batch
        Map<String, String> batch = Map.of("faas.name", "greet", "faas.trigger", "pubsub",
                "functions.platform", "amazon_lambda");
        assertThat(RECEIVER.lastSum("faas.invocations", batch)).isEqualTo(2);
        assertThat(RECEIVER.lastSum("faas.errors", Map.of("faas.name", "greet", "error.type", "client"))).isEqualTo(1);
        assertThat(RECEIVER.lastHistogram("functions.batch.records", batch)).containsExactly(1, 2);
        assertThat(RECEIVER.lastSum("functions.batch.failed_records", batch)).isEqualTo(1);
        assertThat(RECEIVER.lastSum("faas.invocations", Map.of("faas.name", "greet", "faas.trigger", "other")))
                .isEqualTo(1);
        assertThat(RECEIVER.lastSum("faas.coldstarts", Map.of("faas.name", "greet", "faas.trigger", "other")))
                .isEqualTo(1);
        assertThat(RECEIVER.lastSum("functions.invocations.active", batch)).isEqualTo(0);
    }

    private static Span single(String name) {
        List<Span> spans = RECEIVER.spans(name);
        assertThat(spans).as("spans named %s among %s", name, RECEIVER.spans()).hasSize(1);
        return spans.get(0);
    }

    /** The process's JSON log line with this message written for this request id. */
    private JsonNode logLine(String requestId, String message) throws Exception {
        lambda.outputContaining(requestId);
        for (String text : lambda.output) {
            if (text.startsWith("{")) {
                JsonNode line = Events.JSON.readTree(text);
                if (requestId.equals(line.path("mdc").path("request_id").asText())
                        && message.equals(line.path("message").asText())) {
                    return line;
                }
            }
        }
        throw new AssertionError("No log line '" + message + "' of request " + requestId + " in " + lambda.output);
    }
}
