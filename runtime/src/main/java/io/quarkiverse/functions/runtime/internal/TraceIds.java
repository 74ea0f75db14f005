package io.quarkiverse.functions.runtime.internal;

import java.util.Map;
import java.util.function.Function;

import io.cloudevents.CloudEvent;

/**
 * Reads the trace id from the headers the platforms set, in order: W3C {@code traceparent} (Cloud Run, GCF, OpenTelemetry),
 * {@code X-Cloud-Trace-Context} (Google), {@code X-Amzn-Trace-Id} (AWS).
 */
public final class TraceIds {

    private TraceIds() {
    }

    /**
     * @param header looks up a request header by lower-case name, returning {@code null} when absent
     * @return the trace id, or {@code null}
     */
    public static String fromHeaders(Function<String, String> header) {
        String traceparent = header.apply("traceparent");
        if (traceparent != null) {
            // version-traceid-parentid-flags
            String[] parts = traceparent.trim().split("-");
            if (parts.length >= 4 && parts[1].length() == 32 && isHex(parts[1])) {
                return parts[1];
            }
        }
        String google = header.apply("x-cloud-trace-context");
        if (google != null) {
            int slash = google.indexOf('/');
            String id = (slash < 0 ? google : google.substring(0, slash)).trim();
            if (!id.isEmpty() && isHex(id)) {
                return id;
            }
        }
        String amazon = header.apply("x-amzn-trace-id");
        if (amazon != null) {
            for (String part : amazon.split(";")) {
                String trimmed = part.trim();
                if (trimmed.startsWith("Root=")) {
                    return Errors.printable(trimmed.substring(5));
                }
            }
        }
        return null;
    }

    /**
     * @return the trace context of a CloudEvent's producer (the Distributed Tracing extension's {@code traceparent}
     *         and {@code tracestate}) as headers, or {@code null} when the event has none
     */
    public static Map<String, String> ofEvent(CloudEvent event) {
        Object traceparent = event == null ? null : event.getExtension("traceparent");
        if (traceparent == null) {
            return null;
        }
        Object tracestate = event.getExtension("tracestate");
        return tracestate == null ? Map.of("traceparent", traceparent.toString())
                : Map.of("traceparent", traceparent.toString(), "tracestate", tracestate.toString());
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
