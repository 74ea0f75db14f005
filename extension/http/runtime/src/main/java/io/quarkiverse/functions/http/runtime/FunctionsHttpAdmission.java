package io.quarkiverse.functions.http.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkus.runtime.shutdown.ShutdownListener;

/**
 * Which function requests are taken: none once shutdown has begun, and no more than the configured invocations and
 * body bytes in flight. Created once by the recorder; a Quarkus {@link ShutdownListener}, told at the start of a
 * graceful shutdown, before Quarkus waits for the requests in flight.
 */
public final class FunctionsHttpAdmission implements ShutdownListener {

    static final String OVERLOADED = "overloaded";
    static final String SHUTTING_DOWN = "shutting-down";
    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");
    private static final FunctionError OVERLOAD = new FunctionError(Kind.TRANSIENT, 503, OVERLOADED, Errors.title(503),
            "The service has too many requests in flight; retry later.", Duration.ofSeconds(1), List.of());
    private static final FunctionError SHUTDOWN = new FunctionError(Kind.TRANSIENT, 503, SHUTTING_DOWN, Errors.title(503),
            "The service is shutting down; retry on another instance.", Duration.ofSeconds(1), List.of());

    private final int maxInvocations;
    private final long maxBytes;
    private final AtomicInteger invocations = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean draining;

    FunctionsHttpAdmission(int maxInvocations, long maxBytes) {
        this.maxInvocations = maxInvocations;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes a request that will hold {@code size} body bytes, or says why not.
     *
     * @return {@code null} when taken (then {@link #release(long)} must follow), or the error to answer
     */
    FunctionError admit(long size) {
        if (draining) {
            return SHUTDOWN;
        }
        if (invocations.incrementAndGet() > maxInvocations) {
            invocations.decrementAndGet();
            return OVERLOAD;
        }
        long held = bytes.addAndGet(size);
        // a request alone is taken whatever its size, up to quarkus.functions.max-input-size
        if (held > maxBytes && held != size) {
            bytes.addAndGet(-size);
            invocations.decrementAndGet();
            return OVERLOAD;
        }
        return null;
    }

    void release(long size) {
        bytes.addAndGet(-size);
        invocations.decrementAndGet();
    }

    boolean isDraining() {
        return draining;
    }

    /** Requests in flight, for tests and logs. */
    int inFlight() {
        return invocations.get();
    }

    @Override
    public void preShutdown(ShutdownNotification notification) {
        draining = true;
        LOG.infof("Shutting down: new function requests are answered 503; %d in flight finish", invocations.get());
        notification.done();
    }
}
