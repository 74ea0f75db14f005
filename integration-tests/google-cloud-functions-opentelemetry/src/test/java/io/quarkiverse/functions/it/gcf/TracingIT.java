package io.quarkiverse.functions.it.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.proto.trace.v1.Span;
import io.quarkiverse.functions.opentelemetry.deployment.OtlpReceiver;

/**
 * The Google example with quarkus-opentelemetry, packaged as {@code gcloud functions deploy} uploads it and run by
 * Google's Functions Framework invoker (its HTTP and its CloudEvent entry point, a process each), exporting to an
 * OTLP receiver of the test's own. Spans and metrics leave on the SDK's own schedule (shortened here), so the test
 * waits for each export it expects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static InvokerProcess http;
    private static InvokerProcess events;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", RECEIVER.endpoint(),
                // the environment does not tell the region of a Cloud Functions (2nd gen) function
                "QUARKUS_FUNCTIONS_OPENTELEMETRY_CLOUD_REGION", "europe-west1",
                // the batch span processor waits 5 s, the metric reader 60 s, by default
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "QUARKUS_OTEL_METRIC_EXPORT_INTERVAL", "500ms");
        // both at once: each start takes seconds
        CompletableFuture<InvokerProcess> eventsStarted = CompletableFuture.supplyAsync(() -> {
            try {
                return InvokerProcess.start(InvokerProcess.EVENT_ENTRY_POINT, env);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            http = InvokerProcess.start(InvokerProcess.HTTP_ENTRY_POINT, env);
        } finally {
            events = eventsStarted.join();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        // both at once too: each stop waits for the SDK's last export
        CompletableFuture<Void> eventsStopped = CompletableFuture.runAsync(() -> close(events));
        close(http);
        eventsStopped.join();
    }

    private static void close(InvokerProcess invoker) {
        if (invoker != null) {
            try {
                invoker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    @Order(1) // the HTTP process's first invocation
    void anHttpCallIsAServerSpanUnderTheCallersTraceWithItsLogLines() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = http.postJson("/greet", "{\"name\":\"Ada\"}", "Function-Execution-Id", executionId,
                "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).isEqualTo(200);
        Span span = RECEIVER.awaitSpan(executionId, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getName()).isEqualTo("greet");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(TRACE_ID);
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("00f067aa0ba902b7");
        assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                .containsEntry("faas.name", "greet")
                .containsEntry("faas.trigger", "http")
                .containsEntry("faas.coldstart", "true")
                .containsEntry("cloud.provider", "gcp")
                .containsEntry("cloud.platform", "gcp_cloud_functions")
                .containsEntry("cloud.region", "europe-west1")
                .doesNotContainKey("error.type");

        JsonNode line = http.awaitLine(InvokerProcess.ofRequest(executionId));
        assertThat(line.path("message").asText()).isEqualTo("Greeting a caller");
        assertNamesTrace(line, TRACE_ID);
    }

    @Test
    @Order(2)
    void cloudTraceContextIsTheParentWhenNoTraceparentCame() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = http.postJson("/greet", "{\"name\":\"\"}", "Function-Execution-Id", executionId,
                "X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1");

        assertThat(response.statusCode()).isEqualTo(400);
        Span span = RECEIVER.awaitSpan(executionId, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo("105445aa7843bc8bf206b12000100000");
        // its span id is decimal in the header
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("0000000000000001");
        assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                .containsEntry("faas.coldstart", "false")
                .containsEntry("error.type", "client")
                .containsEntry("functions.error.code", "validation-failed");
        assertThat(span.toString()).doesNotContain("must not be blank");
    }

    @Test
    @Order(3)
    void aPubSubPushIsConsumedUnderTheDeliveryAndLinkedToThePublisher() throws Exception {
        String messageId = "m-" + UUID.randomUUID();
        String data = Base64.getEncoder().encodeToString("{\"name\":\"Grace\"}".getBytes(StandardCharsets.UTF_8));
        String body = "{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"" + messageId + "\",\"attributes\":"
                + "{\"googclient_traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}},"
                + "\"subscription\":\"projects/p/subscriptions/s\"}";
        HttpRequest request = events.request("/").header("Content-Type", "application/json")
                .header("ce-id", messageId).header("ce-specversion", "1.0")
                .header("ce-source", "//pubsub.googleapis.com/projects/p/topics/t")
                .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                .header("traceparent", "00-" + TRACE_ID + "-b9c7c989f97918e1-01")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();

        HttpResponse<String> response = events.send(request);

        assertThat(response.statusCode()).isEqualTo(200);
        Span span = awaitConsumerLinkedTo("0af7651916cd43dd8448eb211c80319c");
        // the push request's context is the parent; the publisher's, from the message's attributes, is a link
        assertThat(OtlpReceiver.hex(span.getTraceId())).isEqualTo(TRACE_ID);
        assertThat(OtlpReceiver.hex(span.getParentSpanId())).isEqualTo("b9c7c989f97918e1");
        assertThat(span.getLinksList()).hasSize(1);
        assertThat(OtlpReceiver.hex(span.getLinks(0).getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(OtlpReceiver.hex(span.getLinks(0).getSpanId())).isEqualTo("b7ad6b7169203331");
        assertThat(OtlpReceiver.attributes(span.getAttributesList()))
                .containsEntry("faas.trigger", "pubsub")
                .containsEntry("cloud.platform", "gcp_cloud_functions");
        String requestId = OtlpReceiver.attributes(span.getAttributesList()).get("faas.invocation_id");
        JsonNode line = events.awaitLine(InvokerProcess.ofRequest(requestId));
        assertNamesTrace(line, TRACE_ID);
    }

    @Test
    @Order(4)
    void anHttpCallWithoutTraceHeadersLogsTheTraceOfItsSpan() throws Exception {
        String executionId = "exec-" + UUID.randomUUID();
        HttpResponse<String> response = http.postJson("/greet", "{\"name\":\"Bo\"}", "Function-Execution-Id", executionId);

        assertThat(response.statusCode()).isEqualTo(200);
        Span span = RECEIVER.awaitSpan(executionId, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getParentSpanId().isEmpty()).as("a root span").isTrue();
        String traceId = OtlpReceiver.hex(span.getTraceId());
        // Cloud Logging joins the line to the trace Cloud Trace shows for the span
        JsonNode line = http.awaitLine(InvokerProcess.ofRequest(executionId));
        assertNamesTrace(line, traceId);
    }

    @Test
    @Order(5)
    void aStructuredCloudEventLogsTheTraceOfItsSpanNotItsProducers() throws Exception {
        String producerTrace = "11111111111111111111111111111111";
        HttpRequest request = events.request("/").header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"e-" + UUID.randomUUID()
                        + "\",\"source\":\"/orders\",\"type\":\"com.example.greeting.requested\","
                        + "\"datacontenttype\":\"application/json\",\"traceparent\":\"00-" + producerTrace
                        + "-2222222222222222-01\",\"data\":{\"name\":\"Grace\"}}"))
                .build();

        assertThat(events.send(request).statusCode()).isEqualTo(200);
        Span span = awaitConsumerLinkedTo(producerTrace);
        // no delivery context: a trace of its own, linked to the producer's, and its log lines name that trace
        String traceId = OtlpReceiver.hex(span.getTraceId());
        assertThat(traceId).isNotEqualTo(producerTrace);
        String requestId = OtlpReceiver.attributes(span.getAttributesList()).get("faas.invocation_id");
        JsonNode line = events.awaitLine(InvokerProcess.ofRequest(requestId));
        assertNamesTrace(line, traceId);
    }

    @Test
    @Order(6)
    void theMetricsCountTheCallsMade() {
        // the three HTTP calls above (one rejected) and the two events, each process exporting its own
        Map<String, String> greetHttp = Map.of("faas.name", "greet", "faas.trigger", "http",
                "functions.platform", "google_cloud_functions");
        Map<String, String> greetEvents = Map.of("faas.name", "greet", "faas.trigger", "pubsub",
                "functions.platform", "google_cloud_functions");
        RECEIVER.await("3 HTTP and 2 event invocations counted",
                () -> Objects.equals(RECEIVER.lastSum("faas.invocations", greetHttp), 3L)
                        && Objects.equals(RECEIVER.lastSum("faas.invocations", greetEvents), 2L));
        assertThat(RECEIVER.lastSum("faas.errors", Map.of("faas.name", "greet", "error.type", "client"))).isEqualTo(1);
        assertThat(RECEIVER.lastSum("faas.coldstarts", greetHttp)).isEqualTo(1);
        assertThat(RECEIVER.lastHistogram("faas.invoke_duration", greetHttp)[0]).isEqualTo(3);
        assertThat(RECEIVER.lastSum("functions.invocations.active", greetHttp)).isEqualTo(0);
    }

    /** The line names the trace as Cloud Logging reads it (the trace field) and as a label ({@code trace_id}). */
    private static void assertNamesTrace(JsonNode line, String traceId) {
        assertThat(line.path("logging.googleapis.com/trace").asText())
                .isEqualTo("projects/" + InvokerProcess.PROJECT + "/traces/" + traceId);
        assertThat(line.path("logging.googleapis.com/labels").path("trace_id").asText()).isEqualTo(traceId);
    }

    /** The CONSUMER span linked to this producer's trace, once exported. */
    private static Span awaitConsumerLinkedTo(String producerTrace) {
        RECEIVER.await("the span of the event of trace " + producerTrace, () -> consumerLinkedTo(producerTrace) != null);
        return consumerLinkedTo(producerTrace);
    }

    private static Span consumerLinkedTo(String producerTrace) {
        return RECEIVER.spans("greet").stream()
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CONSUMER && span.getLinksCount() == 1
                        && producerTrace.equals(OtlpReceiver.hex(span.getLinks(0).getTraceId())))
                .findFirst().orElse(null);
    }
}
