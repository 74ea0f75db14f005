package io.quarkiverse.functions.opentelemetry.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.quarkiverse.functions.TransientException;
import io.quarkiverse.functions.opentelemetry.runtime.FunctionsTelemetry;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * Spans of functions served over HTTP, exported over OTLP/HTTP to a receiver that decodes them: the FaaS attributes,
 * the parent chain from the caller's {@code traceparent}, the CloudEvent producer's link, the outcome, and the trace
 * id in the invocation's log lines.
 */
class HttpSpansTest {

    static final OtlpReceiver RECEIVER = OtlpReceiver.start();
    /** Fixed: the class is loaded twice, by JUnit and by Quarkus. Lines are told apart by request id. */
    static final Path LOG = Path.of("target", "http-spans.log");

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, OtlpReceiver.class))
            .overrideConfigKey("quarkus.otel.exporter.otlp.endpoint", RECEIVER.endpoint())
            .overrideConfigKey("quarkus.otel.exporter.otlp.protocol", "http/protobuf")

            .overrideConfigKey("quarkus.log.file.enabled", "true")
            .overrideConfigKey("quarkus.log.file.path", LOG.toString())
            .overrideConfigKey("quarkus.log.file.json.enabled", "true")
            .overrideConfigKey("quarkus.log.console.json.enabled", "false");

    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Inject
    FunctionsTelemetry telemetry;

    @BeforeEach
    void clear() {
        telemetry.flush();
        RECEIVER.clear();
    }

    @Test
    void anHttpCallIsTracedUnderTheCallersContextWithTheFaasAttributes() {
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .header("X-Request-Id", "req-http-1")
                .when().post("/greet")
                .then().statusCode(200);
        telemetry.flush();

        Span function = single("greet");
        Map<String, String> attributes = OtlpReceiver.attributes(function.getAttributesList());
        assertThat(attributes).containsEntry("faas.name", "greet")
                .containsEntry("faas.trigger", "http")
                .containsEntry("faas.invocation_id", "req-http-1")
                .containsKey("faas.coldstart")
                .doesNotContainKey("error.type");
        assertThat(OtlpReceiver.hex(function.getTraceId())).isEqualTo(CALLER_TRACE);
        // quarkus-opentelemetry's HTTP server span is the invocation's SERVER span; the function's span is its child
        Span server = byId(function.getParentSpanId());
        assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(function.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(OtlpReceiver.hex(server.getParentSpanId())).isEqualTo(CALLER_SPAN);
        assertThat(OtlpReceiver.attributes(server.getAttributesList())).containsEntry("faas.trigger", "http")
                .containsEntry("faas.invocation_id", "req-http-1");
    }

    @Test
    void theInvocationsLogLinesCarryItsSpansTraceId() throws IOException {
        String requestId = "req-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("\"Grace\"")
                .header("X-Request-Id", requestId)
                .when().post("/greet")
                .then().statusCode(200);
        telemetry.flush();

        Span function = single("greet");
        JsonNode line = logLine(requestId, "Greeting Grace");
        assertThat(line.path("mdc").path("trace_id").asText()).isEqualTo(OtlpReceiver.hex(function.getTraceId()));
    }

    @Test
    void aCloudEventIsConsumedAndLinkedToItsProducer() {
        String producerTrace = "0af7651916cd43dd8448eb211c80319c";
        String producerSpan = "b7ad6b7169203331";
        given().header("ce-id", "evt-1").header("ce-source", "/orders").header("ce-specversion", "1.0")
                .header("ce-type", "greet")
                .header("ce-traceparent", "00-" + producerTrace + "-" + producerSpan + "-01")
                .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                .contentType(ContentType.JSON).body("\"Linus\"")
                .when().post("/")
                .then().statusCode(200);
        telemetry.flush();

        Span function = single("greet");
        assertThat(function.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(OtlpReceiver.attributes(function.getAttributesList())).containsEntry("faas.trigger", "pubsub");
        assertThat(OtlpReceiver.hex(function.getTraceId())).isEqualTo(CALLER_TRACE);
        assertThat(function.getLinksList()).hasSize(1);
        assertThat(OtlpReceiver.hex(function.getLinks(0).getTraceId())).isEqualTo(producerTrace);
        assertThat(OtlpReceiver.hex(function.getLinks(0).getSpanId())).isEqualTo(producerSpan);
    }

    @Test
    void aFailureGivesItsKindAndCodeButNoMessage() {
        given().contentType(ContentType.JSON).body("\"secret-account-42\"")
                .when().post("/unavailable")
                .then().statusCode(503);
        telemetry.flush();

        Span function = single("unavailable");
        Map<String, String> attributes = OtlpReceiver.attributes(function.getAttributesList());
        assertThat(attributes).containsEntry("error.type", "transient")
                .containsEntry("functions.error.status", "503");
        assertThat(function.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(function.getStatus().getMessage()).isEmpty();
        assertThat(function.getEventsList()).isEmpty();
        assertThat(attributes.values()).noneMatch(value -> value.contains("secret-account-42"));
    }

    @Test
    void aClientErrorIsNotASpanError() {
        given().contentType(ContentType.JSON).body("{not json")
                .when().post("/order")
                .then().statusCode(400);
        telemetry.flush();

        Span function = single("order");
        assertThat(OtlpReceiver.attributes(function.getAttributesList())).containsEntry("error.type", "client")
                .containsEntry("functions.error.code", "malformed-json");
        assertThat(function.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    private static Span single(String name) {
        List<Span> spans = RECEIVER.spans(name);
        assertThat(spans).as("spans named %s among %s", name, RECEIVER.spans()).hasSize(1);
        return spans.get(0);
    }

    private static Span byId(com.google.protobuf.ByteString id) {
        return RECEIVER.spans().stream().filter(span -> span.getSpanId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + OtlpReceiver.hex(id) + " in " + RECEIVER.spans()));
    }

    static JsonNode logLine(String requestId, String message) throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String text : Files.readAllLines(LOG)) {
            JsonNode line = json.readTree(text);
            if (requestId.equals(line.path("mdc").path("request_id").asText()) && message.equals(line.path("message").asText())) {
                return line;
            }
        }
        throw new AssertionError("No log line '" + message + "' of request " + requestId + " in " + LOG);
    }

    public record Order(String id) {
    }

    public static class Functions {
        private static final Logger LOG = Logger.getLogger(Functions.class);

        @Funq
        public String greet(String name) {
            LOG.infof("Greeting %s", name);
            return "Hello " + name;
        }

        @Funq
        public String order(Order order) {
            return order.id();
        }

        @Funq
        public String unavailable(String account) {
            throw new TransientException("Backend down for " + account);
        }
    }
}
