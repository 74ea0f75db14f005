package io.quarkiverse.functions;

import java.time.Duration;
import java.util.Optional;

/**
 * The function cannot answer now but may later: a dependency is down, a quota is exhausted. Retried.
 * <p>
 * Over HTTP it is answered with {@code 503} and {@code Retry-After}; queue and stream records are reported as
 * failed so that the platform redelivers them; CloudEvent pushes get a 5xx.
 */
public class TransientException extends RuntimeException {

    private final Duration retryAfter;

    /**
     * @param message a message safe to show to the caller
     */
    public TransientException(String message) {
        this(message, null, null);
    }

    /**
     * @param message a message safe to show to the caller
     * @param retryAfter when the caller should try again
     */
    public TransientException(String message, Duration retryAfter) {
        this(message, retryAfter, null);
    }

    /**
     * @param message a message safe to show to the caller
     * @param retryAfter when the caller should try again, or {@code null}
     * @param cause the underlying failure; it is logged, never sent to the caller
     */
    public TransientException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /**
     * @return when the caller should try again, if the function knows
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
