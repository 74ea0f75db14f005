package io.quarkiverse.functions.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.quarkiverse.functions.FunctionContext;

final class FunctionContextImpl implements FunctionContext {

    private final String requestId;
    private final String functionName;
    private final Platform platform;
    private final Instant deadline;
    private final boolean coldStart;
    private final String traceId;
    private final int attempt;
    private final Object[] rawEvent;
    private final String logContext;

    FunctionContextImpl(String requestId, String functionName, Platform platform, Instant deadline, boolean coldStart,
            String traceId, int attempt, Object[] rawEvent, String logContext) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.platform = platform;
        this.deadline = deadline;
        this.coldStart = coldStart;
        this.traceId = traceId;
        this.attempt = attempt;
        this.rawEvent = rawEvent;
        this.logContext = logContext;
    }

    /**
     * @return the nested diagnostic context of the invocation's log lines, or {@code null}
     */
    String logContext() {
        return logContext;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String functionName() {
        return functionName;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public boolean coldStart() {
        return coldStart;
    }

    @Override
    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        for (Object raw : rawEvent) {
            if (type.isInstance(raw)) {
                return Optional.of(type.cast(raw));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FunctionContext[requestId=" + requestId + ", function=" + functionName + ", platform=" + platform + "]";
    }
}
