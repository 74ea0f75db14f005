package io.quarkiverse.functions.runtime.internal;

import java.util.Locale;

import org.jboss.logging.MDC;
import org.jboss.logging.NDC;

import io.quarkiverse.functions.FunctionContext.Platform;

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

    /** Each platform's field value, lower case, computed once rather than on every invocation. */
    private static final String[] PLATFORM_NAMES = platformNames();

    private Mdc() {
    }

    static void put(FunctionContextImpl context) {
        MDC.put(REQUEST_ID, context.requestId());
        MDC.put(FUNCTION, context.functionName());
        MDC.put(COLD_START, context.coldStart() ? "true" : "false");
        MDC.put(PLATFORM, PLATFORM_NAMES[context.platform().ordinal()]);
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

    private static String[] platformNames() {
        Platform[] platforms = Platform.values();
        String[] names = new String[platforms.length];
        for (Platform platform : platforms) {
            names[platform.ordinal()] = platform.name().toLowerCase(Locale.ROOT);
        }
        return names;
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
