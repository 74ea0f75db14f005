package io.quarkiverse.functions.it.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.quarkiverse.functions.googlecloudfunctions.runtime.GoogleCloudEventDispatcher;
import io.quarkiverse.functions.opentelemetry.deployment.OtlpReceiver;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The application with quarkus-opentelemetry (test scope: the packaged application the invoker runs has none), its
 * event deliveries handed to the binding's dispatcher as the entry point hands them, exporting over OTLP/HTTP to a
 * receiver that decodes the protobuf: a Pub/Sub push and a CloudEvent are consumed, linked to their producer.
 */
@QuarkusTest
@TestProfile(OpenTelemetryTest.WithTelemetry.class)
class OpenTelemetryTest {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    static final Path LOG = Path.of("target", "gcf-opentelemetry.log");
    static final ObjectMapper JSON = new ObjectMapper();

    public static class WithTelemetry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.exporter.otlp.endpoint", OtlpReceiver.start().endpoint(),
                    "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                    "quarkus.functions.opentelemetry.cloud-region", "europe-west1",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true");
        }
    }

    @Inject
    GoogleCloudEventDispatcher dispatcher;

    @Inject
    OpenTelemetry openTelemetry;

    @BeforeEach
    void clear() {
        flush();
        RECEIVER.clear();
    }

    @Test
    void aPubSubPushIsConsumedUnderTheDeliveryAndLinkedToThePublisher() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        String data = Base64.getEncoder().encodeToString("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
        byte[] body = ("{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"m-1\",\"attributes\":"
                + "{\"googclient_traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}},"
                + "\"subscription\":\"projects/p/subscriptions/s\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("ce-id", "m-1", "ce-specversion", "1.0",
                "ce-source", "//pubsub.googleapis.com/projects/p/topics/t",
                "ce-type", "google.cloud.pubsub.topic.v1.messagePublished",
                "content-type", "application/json",
                "function-execution-id", executionId,
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        HttpReply reply = dispatcher.dispatch(headers, body, Instant.now());
        flush();

        assertThat(reply.status()).isEqualTo(200);
        Span span = single("greet");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                .containsEntry("faas.trigger", "pubsub")
                .containsEntry("faas.invocation_id", executionId)
                .containsEntry("cloud.provider", "gcp")
                .containsEntry("cloud.platform", "gcp_cloud_functions")
                .containsEntry("cloud.region", "europe-west1");
        // the push's own context is the parent; the publisher's, from the message attributes, is a link
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getLinksList()).hasSize(1);
        assertThat(OtlpReceiver.hex(span.getLinks(0).getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(OtlpReceiver.hex(span.getLinks(0).getSpanId())).isEqualTo("b7ad6b7169203331");
        assertThat(logLine(executionId, "Greeting a caller").path("mdc").path("trace_id").asText())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aStructuredCloudEventIsConsumedInATraceOfItsOwnLinkedToItsProducer() {
        byte[] body = ("{\"specversion\":\"1.0\",\"id\":\"e-2\",\"source\":\"/orders\","
                + "\"type\":\"com.example.greeting.requested\",\"datacontenttype\":\"application/json\","
                + "\"traceparent\":\"00-11111111111111111111111111111111-2222222222222222-01\","
                + "\"data\":{\"name\":\"Grace\"}}").getBytes(StandardCharsets.UTF_8);

        HttpReply reply = dispatcher.dispatch(Map.of("content-type", "application/cloudevents+json"), body, Instant.now());
        flush();

        assertThat(reply.status()).isEqualTo(200);
        Span span = single("greet");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        // no delivery context: a trace of its own, linked to the producer's
        assertThat(span.getParentSpanId().isEmpty()).isTrue();
        assertThat(OtlpReceiver.hex(span.getTraceId())).isNotEqualTo("11111111111111111111111111111111");
        assertThat(OtlpReceiver.hex(span.getLinks(0).getTraceId())).isEqualTo("11111111111111111111111111111111");
        assertThat(OtlpReceiver.attributes(span.getAttributesList())).containsEntry("faas.trigger", "pubsub");
    }

    private void flush() {
        OpenTelemetrySdk sdk = (OpenTelemetrySdk) openTelemetry;
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    }

    private static Span single(String name) {
        List<Span> spans = RECEIVER.spans(name);
        assertThat(spans).as("spans named %s among %s", name, RECEIVER.spans()).hasSize(1);
        return spans.get(0);
    }

    private static JsonNode logLine(String requestId, String message) throws Exception {
        for (String text : Files.readAllLines(LOG)) {
            JsonNode line = JSON.readTree(text);
            if (requestId.equals(line.path("mdc").path("request_id").asText())
                    && message.equals(line.path("message").asText())) {
                return line;
            }
        }
        throw new AssertionError("No log line '" + message + "' of request " + requestId + " in " + LOG);
    }
}
