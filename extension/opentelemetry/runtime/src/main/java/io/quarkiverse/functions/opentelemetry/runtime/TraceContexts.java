package io.quarkiverse.functions.opentelemetry.runtime;

import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Reads a remote span context from the trace headers the platforms use, in the core's order (see {@code TraceIds}):
 * W3C {@code traceparent}, then Google's {@code X-Cloud-Trace-Context}, then AWS X-Ray's {@code X-Amzn-Trace-Id}.
 * <p>
 * W3C is OpenTelemetry's own propagator. The X-Ray and Cloud Trace formats are parsed here: their propagators live in
 * opentelemetry-java-contrib, outside the Quarkus BOM, and each format is one line of fields.
 */
final class TraceContexts {

    /**
     * A remote span context and where it came from.
     *
     * @param xray whether it came from an X-Ray header, whose {@code Sampled=0} says only that X-Ray does not record
     *        (Lambda's passive tracing), not that nobody should
     */
    record Remote(SpanContext context, boolean xray) {
    }

    static final Remote NONE = new Remote(SpanContext.getInvalid(), false);

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {
    }

    /**
     * @param headers names in lower case, or {@code null}
     */
    static Remote extract(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return NONE;
        }
        if (headers.get("traceparent") != null) {
            Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
            SpanContext span = Span.fromContext(context).getSpanContext();
            if (span.isValid()) {
                return new Remote(span, false);
            }
        }
        String google = headers.get("x-cloud-trace-context");
        if (google != null) {
            SpanContext span = cloudTrace(google);
            if (span.isValid()) {
                return new Remote(span, false);
            }
        }
        String amazon = headers.get("x-amzn-trace-id");
        if (amazon != null) {
            SpanContext span = xray(amazon);
            if (span.isValid()) {
                return new Remote(span, true);
            }
        }
        return NONE;
    }

    /**
     * {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}: the trace id is the epoch
     * seconds and the random part of the root, joined.
     */
    static SpanContext xray(String header) {
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            String field = part.trim();
            if (field.startsWith("Root=")) {
                root = field.substring(5);
            } else if (field.startsWith("Parent=")) {
                parent = field.substring(7);
            } else if (field.startsWith("Sampled=")) {
                sampled = "1".equals(field.substring(8));
            }
        }
        if (root == null || parent == null || root.length() != 35 || !root.startsWith("1-") || root.charAt(10) != '-') {
            return SpanContext.getInvalid();
        }
        String traceId = root.substring(2, 10) + root.substring(11);
        return SpanContext.createFromRemoteParent(traceId, parent,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }

    /**
     * {@code 105445aa7843bc8bf206b12000100000/1;o=1}: a hex trace id, a decimal span id, {@code o=1} when sampled.
     */
    static SpanContext cloudTrace(String header) {
        int slash = header.indexOf('/');
        if (slash < 0) {
            return SpanContext.getInvalid();
        }
        String traceId = header.substring(0, slash).trim();
        int semicolon = header.indexOf(';', slash);
        String spanPart = (semicolon < 0 ? header.substring(slash + 1) : header.substring(slash + 1, semicolon)).trim();
        boolean sampled = semicolon >= 0 && header.substring(semicolon + 1).trim().equals("o=1");
        String spanId;
        try {
            spanId = String.format("%016x", Long.parseUnsignedLong(spanPart));
        } catch (NumberFormatException e) {
            return SpanContext.getInvalid();
        }
        return SpanContext.createFromRemoteParent(traceId, spanId,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }
}
