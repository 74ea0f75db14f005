package io.quarkiverse.functions.runtime.internal;

import org.jboss.logging.MDC;

import io.quarkiverse.functions.FunctionContext;

/**
 * The log fields every line written during an invocation carries. With {@code quarkus-logging-json} they appear in
 * the {@code mdc} object of each JSON line.
 */
public final class Mdc {

    public static final String REQUEST_ID = "request_id";
    public static final String FUNCTION = "function";
    public static final String COLD_START = "cold_start";
    public static final String TRACE_ID = "trace_id";
    public static final String PLATFORM = "platform";

    private Mdc() {
    }

    static void put(FunctionContext context) {
        MDC.put(REQUEST_ID, context.requestId());
        MDC.put(FUNCTION, context.functionName());
        MDC.put(COLD_START, context.coldStart() ? "true" : "false");
        MDC.put(PLATFORM, context.platform().name().toLowerCase());
        String traceId = context.traceId().orElse(null);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        } else {
            MDC.remove(TRACE_ID);
        }
    }

    static void clear() {
        MDC.remove(REQUEST_ID);
        MDC.remove(FUNCTION);
        MDC.remove(COLD_START);
        MDC.remove(PLATFORM);
        MDC.remove(TRACE_ID);
    }
}
