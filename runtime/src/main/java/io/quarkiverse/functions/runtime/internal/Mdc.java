package io.quarkiverse.functions.runtime.internal;

import org.jboss.logging.MDC;
import org.jboss.logging.NDC;

/**
 * The log fields every line written during an invocation carries. With {@code quarkus-logging-json} they appear in
 * the {@code mdc} object of each JSON line. A binding may also give a nested diagnostic context (NDC), which JSON
 * lines carry as a top-level field.
 */
public final class Mdc {

    public static final String REQUEST_ID = "request_id";
    public static final String FUNCTION = "function";
    public static final String COLD_START = "cold_start";
    public static final String TRACE_ID = "trace_id";
    public static final String PLATFORM = "platform";

    private Mdc() {
    }

    static void put(FunctionContextImpl context) {
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
        if (context.logContext() != null) {
            NDC.clear();
            NDC.push(context.logContext());
        }
    }

    static void clear(FunctionContextImpl context) {
        MDC.remove(REQUEST_ID);
        MDC.remove(FUNCTION);
        MDC.remove(COLD_START);
        MDC.remove(PLATFORM);
        MDC.remove(TRACE_ID);
        if (context.logContext() != null) {
            NDC.clear();
        }
    }
}
