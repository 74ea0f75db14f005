package io.quarkiverse.functions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the platform and the invoker know about the current invocation.
 * <p>
 * Take it as a function parameter annotated with {@code @io.quarkus.funqy.Context}, or inject it anywhere
 * ({@code @Inject FunctionContext}): it is request scoped, so service code deep in the call tree can read the deadline.
 */
public interface FunctionContext {

    /**
     * @return the request id: the caller's {@code X-Request-Id}, Lambda's request id, or the GCF execution id;
     *         generated when the platform gives none. It is in every log line and every error response.
     */
    String requestId();

    /**
     * @return the name of the invoked function
     */
    String functionName();

    /**
     * @return the platform serving this invocation
     */
    Platform platform();

    /**
     * @return the instant after which the invocation is reported as a deadline error and its async work cancelled
     */
    Instant deadline();

    /**
     * @return the time left before {@link #deadline()}, never negative
     */
    Duration remaining();

    /**
     * @return {@link #remaining()} in milliseconds
     */
    default long remainingMillis() {
        return remaining().toMillis();
    }

    /**
     * @return {@code true} only for the first invocation served by this process
     */
    boolean coldStart();

    /**
     * @return the trace id given by the platform ({@code traceparent}, {@code X-Cloud-Trace-Context} or
     *         {@code X-Amzn-Trace-Id}), if any
     */
    Optional<String> traceId();

    /**
     * @return the delivery attempt, starting at 1; platforms that do not count deliveries report 1
     */
    int attempt();

    /**
     * Reaches the raw platform event or request, for what the context does not expose.
     *
     * @param type the platform type, for example {@code io.cloudevents.CloudEvent} or a Lambda event class
     * @return the raw object if it is of that type
     */
    <T> Optional<T> unwrap(Class<T> type);

    /**
     * The platforms a function can be served on.
     */
    enum Platform {
        HTTP,
        AMAZON_LAMBDA,
        GOOGLE_CLOUD_FUNCTIONS
    }
}
