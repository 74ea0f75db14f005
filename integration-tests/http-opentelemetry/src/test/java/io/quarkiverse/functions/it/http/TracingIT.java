package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkiverse.functions.opentelemetry.deployment.OtlpReceiver;

/**
 * The HTTP example with quarkus-opentelemetry, packaged ({@code quarkus-run.jar}) and run as a process, exporting to
 * an OTLP receiver of the test's own. Spans and metrics leave on the SDK's own schedule (shortened here), so the test
 * waits for each export it expects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingIT {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    private static RunningApp app;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(List.of("-Dquarkus.otel.exporter.otlp.endpoint=" + RECEIVER.endpoint(),
                // the batch span processor waits 5 s, the metric reader 60 s, by default
                "-Dquarkus.otel.bsp.schedule.delay=100ms", "-Dquarkus.otel.metric.export.interval=500ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1) // the first invocation of the process
    void aCallIsTheServerSpansChildUnderTheCallersTraceWithItsLogLines() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        HttpResponse<String> response = post("/greet", "{\"name\":\"Ada\"}", "X-Request-Id", requestId,
                "traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

        assertThat(response.statusCode()).isEqualTo(200);
        Span function = RECEIVER.awaitSpan(requestId, Span.SpanKind.SPAN_KIND_INTERNAL);
        Span server = RECEIVER.awaitSpan(requestId, Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(function.getName()).isEqualTo("greet");
        assertThat(OtlpReceiver.attributes(function.getAttributesList()))
                .containsEntry("faas.name", "greet")
                .containsEntry("faas.trigger", "http")
                .containsEntry("faas.coldstart", "true")
                .doesNotContainKey("error.type");
        // quarkus-opentelemetry's HTTP server span, under the caller's, is the function span's parent
        assertThat(function.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(OtlpReceiver.hex(server.getParentSpanId())).isEqualTo(CALLER_SPAN);
        assertThat(OtlpReceiver.hex(function.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(OtlpReceiver.attributes(server.getAttributesList())).containsEntry("faas.trigger", "http");

        JsonNode line = logLine(requestId);
        assertThat(line.path("message").asText()).isEqualTo("Greeting a caller");
        assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(CALLER_TRACE);
    }

    @Test
    @Order(2)
    void aRejectedCallIsAClientErrorWithoutItsMessage() throws Exception {
        String requestId = "req-" + UUID.randomUUID();
        HttpResponse<String> response = post("/greet", "{\"name\":\"\"}", "X-Request-Id", requestId);

        assertThat(response.statusCode()).isEqualTo(400);
        Span function = RECEIVER.awaitSpan(requestId, Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(OtlpReceiver.attributes(function.getAttributesList()))
                .containsEntry("faas.coldstart", "false")
                .containsEntry("error.type", "client")
                .containsEntry("functions.error.code", "validation-failed");
        assertThat(function.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
        assertThat(function.toString()).doesNotContain("must not be blank");
    }

    @Test
    @Order(3)
    void aBinaryCloudEventIsConsumedAndLinkedToItsProducer() throws Exception {
        String producerTrace = "0af7651916cd43dd8448eb211c80319c";
        String requestId = "req-" + UUID.randomUUID();
        HttpResponse<String> response = post("/", "{\"name\":\"Grace\"}", "X-Request-Id", requestId,
                "ce-id", "evt-" + UUID.randomUUID(), "ce-source", "/orders", "ce-specversion", "1.0",
                "ce-type", "com.example.greeting.requested",
                "ce-traceparent", "00-" + producerTrace + "-b7ad6b7169203331-01",
                "traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");

        assertThat(response.statusCode()).isEqualTo(200);
        Span function = RECEIVER.awaitSpan(requestId, Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(OtlpReceiver.attributes(function.getAttributesList())).containsEntry("faas.trigger", "pubsub");
        // the delivery's context is the parent (through the server span), the producer's a link
        assertThat(OtlpReceiver.hex(function.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(function.getLinksList()).hasSize(1);
        assertThat(OtlpReceiver.hex(function.getLinks(0).getTraceId())).isEqualTo(producerTrace);
        assertThat(OtlpReceiver.hex(function.getLinks(0).getSpanId())).isEqualTo("b7ad6b7169203331");
    }

    @Test
    @Order(4)
    void theMetricsCountTheCallsMade() {
        // the two calls (one rejected) and the event above
        Map<String, String> calls = Map.of("faas.name", "greet", "faas.trigger", "http", "functions.platform", "http");
        Map<String, String> events = Map.of("faas.name", "greet", "faas.trigger", "pubsub", "functions.platform", "http");
        RECEIVER.await("2 calls and 1 event counted", () -> Objects.equals(RECEIVER.lastSum("faas.invocations", calls), 2L)
                && Objects.equals(RECEIVER.lastSum("faas.invocations", events), 1L));
        assertThat(RECEIVER.lastSum("faas.errors", Map.of("faas.name", "greet", "error.type", "client"))).isEqualTo(1);
        assertThat(RECEIVER.lastSum("faas.coldstarts", calls)).isEqualTo(1);
        assertThat(RECEIVER.lastHistogram("faas.invoke_duration", calls)[0]).isEqualTo(2);
        assertThat(RECEIVER.lastSum("functions.invocations.active", calls)).isEqualTo(0);
    }

    private HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The application's first JSON log line written for this request id. */
    private static JsonNode logLine(String requestId) throws Exception {
        String line = app.awaitLine(text -> text.startsWith("{") && text.contains(requestId));
        return JSON.readTree(line);
    }
}
