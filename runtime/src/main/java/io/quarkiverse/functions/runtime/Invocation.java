package io.quarkiverse.functions.runtime;

import java.time.Instant;
import java.util.Map;
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
    private final String logTracePrefix;
    private final Trigger trigger;
    private final Map<String, String> traceHeaders;
    private final Map<String, String> producerTraceHeaders;
    private final String cloudResourceId;
    private final String deliveryId;

    private Invocation(Builder builder) {
        this.functionName = builder.functionName;
        this.input = builder.input;
        this.requestId = builder.requestId;
        this.traceId = builder.traceId;
        this.platformDeadline = builder.platformDeadline;
        this.attempt = builder.attempt;
        this.platform = builder.platform;
        this.rawEvent = builder.rawEvent;
        this.logTracePrefix = builder.logTracePrefix;
        this.trigger = builder.trigger;
        this.traceHeaders = builder.traceHeaders;
        this.producerTraceHeaders = builder.producerTraceHeaders;
        this.cloudResourceId = builder.cloudResourceId;
        this.deliveryId = builder.deliveryId;
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
     * @return what precedes the trace id in the nested diagnostic context (NDC) of the invocation's log lines, or
     *         {@code null}
     */
    public String logTracePrefix() {
        return logTracePrefix;
    }

    /**
     * @return what triggered the invocation, {@link Trigger#OTHER} unless the binding said
     */
    public Trigger trigger() {
        return trigger;
    }

    /**
     * @return the trace context the invocation arrived with (HTTP headers, Lambda's X-Ray header), names in lower
     *         case, or {@code null}
     */
    public Map<String, String> traceHeaders() {
        return traceHeaders;
    }

    /**
     * @return the trace context of the producer of a record or event (SQS {@code AWSTraceHeader}, a CloudEvent's
     *         {@code traceparent}, Pub/Sub attributes), names in lower case as headers, or {@code null}
     */
    public Map<String, String> producerTraceHeaders() {
        return producerTraceHeaders;
    }

    /**
     * @return the cloud's id of the deployed function (the Lambda function's ARN, alias resolved), or {@code null}
     */
    public String cloudResourceId() {
        return cloudResourceId;
    }

    /**
     * @return the platform's identity of this delivery, the same on every redelivery (an {@code Idempotency-Key}
     *         header, an SQS {@code messageId}, a CloudEvent's {@code source} and {@code id}), or {@code null}: the key
     *         of an idempotent function unless it takes its key from the input
     */
    public String deliveryId() {
        return deliveryId;
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
        private String logTracePrefix;
        private Trigger trigger = Trigger.OTHER;
        private Map<String, String> traceHeaders;
        private Map<String, String> producerTraceHeaders;
        private String cloudResourceId;
        private String deliveryId;

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
         * @param prefix the nested diagnostic context (NDC) of every log line written during the invocation is this
         *        prefix followed by the invocation's trace id, when it has one: its span's when it is traced, else the
         *        incoming trace header's. A binding sets it to what the platform's log system reads from each line
         *        (Cloud Logging's {@code projects/<project>/traces/}, for example), so that the lines join the trace.
         *        {@code null} (the default): no NDC.
         */
        public Builder logTracePrefix(String prefix) {
            this.logTracePrefix = prefix;
            return this;
        }

        public Builder trigger(Trigger trigger) {
            this.trigger = Objects.requireNonNull(trigger);
            return this;
        }

        /**
         * @param headers the trace context the invocation arrived with ({@code traceparent}, {@code tracestate},
         *        {@code x-amzn-trace-id}, {@code x-cloud-trace-context}), names in lower case; read, not copied
         */
        public Builder traceHeaders(Map<String, String> headers) {
            this.traceHeaders = headers;
            return this;
        }

        /**
         * @param headers the trace context a record or event carries from its producer, in the same form
         */
        public Builder producerTraceHeaders(Map<String, String> headers) {
            this.producerTraceHeaders = headers;
            return this;
        }

        public Builder cloudResourceId(String id) {
            this.cloudResourceId = id;
            return this;
        }

        /**
         * @param id the platform's identity of this delivery, the same on every redelivery, or {@code null}
         */
        public Builder deliveryId(String id) {
            this.deliveryId = id == null || id.isEmpty() ? null : id;
            return this;
        }

        public Invocation build() {
            return new Invocation(this);
        }
    }
}
