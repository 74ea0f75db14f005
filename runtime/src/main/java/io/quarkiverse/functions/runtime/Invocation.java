package io.quarkiverse.functions.runtime;

import java.time.Instant;
import java.util.Objects;

import io.quarkiverse.functions.FunctionContext.Platform;

/**
 * One request to invoke a function, as a binding decoded it from the platform's envelope.
 */
public final class Invocation {

    private final String functionName;
    private final FunctionInput input;
    private final String requestId;
    private final String traceId;
    private final Instant platformDeadline;
    private final int attempt;
    private final Platform platform;
    private final Object[] rawEvent;
    private final String logContext;

    private Invocation(Builder builder) {
        this.functionName = builder.functionName;
        this.input = builder.input;
        this.requestId = builder.requestId;
        this.traceId = builder.traceId;
        this.platformDeadline = builder.platformDeadline;
        this.attempt = builder.attempt;
        this.platform = builder.platform;
        this.rawEvent = builder.rawEvent;
        this.logContext = builder.logContext;
    }

    public static Builder builder(Platform platform, String functionName, String requestId) {
        return new Builder(platform, functionName, requestId);
    }

    public String functionName() {
        return functionName;
    }

    public String requestId() {
        return requestId;
    }

    public FunctionInput input() {
        return input;
    }

    /**
     * @return the trace id, or {@code null}
     */
    public String traceId() {
        return traceId;
    }

    /**
     * @return the platform's own deadline, or {@code null}
     */
    public Instant platformDeadline() {
        return platformDeadline;
    }

    public int attempt() {
        return attempt;
    }

    public Platform platform() {
        return platform;
    }

    /**
     * @return the raw platform objects, never {@code null}
     */
    public Object[] rawEvent() {
        return rawEvent;
    }

    /**
     * @return the nested diagnostic context (NDC) of the invocation's log lines, or {@code null}
     */
    public String logContext() {
        return logContext;
    }

    public static final class Builder {
        private final Platform platform;
        private final String functionName;
        private final String requestId;
        private FunctionInput input = FunctionInput.none();
        private String traceId;
        private Instant platformDeadline;
        private int attempt = 1;
        private Object[] rawEvent = new Object[0];
        private String logContext;

        private Builder(Platform platform, String functionName, String requestId) {
            this.platform = Objects.requireNonNull(platform);
            this.functionName = Objects.requireNonNull(functionName);
            this.requestId = Objects.requireNonNull(requestId);
        }

        public Builder input(FunctionInput input) {
            this.input = Objects.requireNonNull(input);
            return this;
        }

        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /**
         * @param deadline the platform's own deadline (Lambda's), or {@code null}; the configured timeout applies too
         */
        public Builder platformDeadline(Instant deadline) {
            this.platformDeadline = deadline;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = Math.max(1, attempt);
            return this;
        }

        /**
         * @param raw what {@code FunctionContext.unwrap} gives access to: the event, the platform's context
         */
        public Builder rawEvent(Object... raw) {
            this.rawEvent = raw == null ? new Object[0] : raw;
            return this;
        }

        /**
         * @param logContext the nested diagnostic context (NDC) of every log line written during the invocation, or
         *        {@code null}; a binding sets it to a value the platform's log system reads from each line (Cloud
         *        Logging's trace, for example)
         */
        public Builder logContext(String logContext) {
            this.logContext = logContext;
            return this;
        }

        public Invocation build() {
            return new Invocation(this);
        }
    }
}
