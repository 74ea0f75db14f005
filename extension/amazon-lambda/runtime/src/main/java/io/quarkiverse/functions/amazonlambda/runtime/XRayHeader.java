package io.quarkiverse.functions.amazonlambda.runtime;

import java.util.Map;

import io.quarkiverse.functions.runtime.internal.TraceIds;

/**
 * This invocation's X-Ray trace header, which the runtime (Quarkus's poll loop or AWS's client) sets from
 * {@code Lambda-Runtime-Trace-Id}: as the system property AWS's SDKs read, or as {@code _X_AMZN_TRACE_ID}.
 */
final class XRayHeader {

    static final String PROPERTY = "com.amazonaws.xray.traceHeader";

    private XRayHeader() {
    }

    /**
     * @return the header, or {@code null}
     */
    static String current() {
        String header = System.getProperty(PROPERTY);
        return header != null ? header : System.getenv("_X_AMZN_TRACE_ID");
    }

    /**
     * @return the header as the invocation's trace headers, or {@code null}
     */
    static Map<String, String> asHeaders() {
        String header = current();
        return header == null ? null : Map.of("x-amzn-trace-id", header);
    }

    /**
     * @return the trace id of the header (its {@code Root}), or {@code null}
     */
    static String traceId() {
        String amazon = current();
        return amazon == null ? null : TraceIds.fromHeaders(name -> "x-amzn-trace-id".equals(name) ? amazon : null);
    }
}
