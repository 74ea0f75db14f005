package io.quarkiverse.functions.opentelemetry.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The remote context of each platform's header, from the formats' own documentation: W3C Trace Context, AWS X-Ray's
 * {@code X-Amzn-Trace-Id}, Google's {@code X-Cloud-Trace-Context}; in the core's order of precedence.
 */
class TraceContextsTest {

    @Test
    void xrayRootAndParentGiveTheTraceAndSpan() {
        SpanContext context = TraceContexts
                .xray("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        assertThat(context.getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(context.getSpanId()).isEqualTo("53995c3f42cd8ad8");
        assertThat(context.isSampled()).isTrue();
        assertThat(context.isRemote()).isTrue();
    }

    @Test
    void xrayWithoutParentOrWithAMalformedRootIsNoContext() {
        assertThat(TraceContexts.xray("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1").isValid()).isFalse();
        assertThat(TraceContexts.xray("Root=5759e988bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8").isValid()).isFalse();
        assertThat(TraceContexts.xray("Root=1-5759e988-bd862e3fe1be46a99427;Parent=53995c3f42cd8ad8").isValid()).isFalse();
    }

    @Test
    void cloudTraceSpanIdIsDecimal() {
        SpanContext context = TraceContexts.cloudTrace("105445aa7843bc8bf206b12000100000/1;o=1");

        assertThat(context.getTraceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(context.getSpanId()).isEqualTo("0000000000000001");
        assertThat(context.isSampled()).isTrue();
        assertThat(TraceContexts.cloudTrace("105445aa7843bc8bf206b12000100000/18446744073709551615").getSpanId())
                .isEqualTo("ffffffffffffffff");
        assertThat(TraceContexts.cloudTrace("105445aa7843bc8bf206b12000100000/2;o=0").isSampled()).isFalse();
    }

    @Test
    void traceparentComesFirstThenCloudTraceThenXray() {
        Map<String, String> all = Map.of(
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "x-cloud-trace-context", "105445aa7843bc8bf206b12000100000/1;o=1",
                "x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        assertThat(TraceContexts.extract(all).context().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        TraceContexts.Remote google = TraceContexts.extract(Map.of("traceparent", "garbage",
                "x-cloud-trace-context", all.get("x-cloud-trace-context"), "x-amzn-trace-id", all.get("x-amzn-trace-id")));
        assertThat(google.context().getTraceId()).isEqualTo("105445aa7843bc8bf206b12000100000");
        assertThat(google.xray()).isFalse();
        TraceContexts.Remote amazon = TraceContexts.extract(Map.of("x-amzn-trace-id", all.get("x-amzn-trace-id")));
        assertThat(amazon.context().getTraceId()).isEqualTo("5759e988bd862e3fe1be46a994272793");
        assertThat(amazon.xray()).isTrue();
        assertThat(TraceContexts.extract(null).context().isValid()).isFalse();
    }
}
