package io.quarkiverse.functions.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Run-time configuration shared by every platform.
 */
@ConfigMapping(prefix = "quarkus.functions")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FunctionsRuntimeConfig {

    /**
     * The function this deployment serves, for platforms where one deployment is one function (a Lambda function, a
     * Google Cloud Function). Set it per deployment with the environment variable {@code QUARKUS_FUNCTIONS_EXPORT}, so
     * that one artifact deploys as many functions. Not needed when the application has a single function.
     */
    Optional<String> export();

    /**
     * Default deadline of an invocation, for functions without their own {@code timeout}. On Lambda the earlier of
     * this and Lambda's own deadline (less the safety margin) applies.
     */
    @WithDefault("60s")
    Duration timeout();

    /**
     * Time kept back from a platform deadline (Lambda's {@code Lambda-Runtime-Deadline-Ms}), so that a deadline error
     * is reported and logged before the platform kills the process.
     */
    @WithDefault("500ms")
    Duration deadlineSafetyMargin();

    /**
     * Where a blocking function runs on Lambda and Google Cloud Functions. {@code caller}: on the thread that received
     * the event, with no hand-off; at the deadline that thread is interrupted, and code that ignores interrupts (a
     * CPU-bound loop, a read on a {@code java.net.Socket}) delays the deadline answer until it returns. {@code worker}:
     * on a worker thread, so that the deadline answer is sent on time whatever the code does, for one thread hand-off
     * per invocation. Over HTTP a blocking function always runs on a worker thread.
     */
    @WithDefault("caller")
    BlockingThread blockingThread();

    /**
     * Where a blocking function runs; see {@link #blockingThread()}.
     */
    enum BlockingThread {
        /** The thread that received the event. */
        CALLER,
        /** A worker thread of Quarkus's pool. */
        WORKER
    }

    /**
     * Largest accepted input. A larger request body is answered with {@code 413} before the function runs. The default
     * is Lambda's synchronous payload limit.
     */
    @WithDefault("6M")
    MemorySize maxInputSize();

    /**
     * Prints, once per process, one log line with the phases of this cold start measured from process start: JVM or
     * native image start to the functions' static init, static init, runtime init, each {@code Warmup} bean, readiness,
     * the first invocation received and answered, with the loaded class count on the JVM. Costs nothing when off.
     */
    @WithDefault("false")
    boolean startupReport();

    /**
     * Also writes the start-up report as a JSON file at this path (when {@code startup-report} is on).
     */
    Optional<Path> startupReportFile();

    /**
     * Idempotency of functions marked {@code @Idempotent} or configured so.
     */
    IdempotencyConfig idempotency();

    /**
     * Idempotency settings shared by every function.
     */
    interface IdempotencyConfig {

        /**
         * How long the outcome of an idempotent invocation is kept: a repeat with the same key within this time is
         * answered with it, without running the function.
         */
        @WithDefault("1h")
        Duration expiry();
    }

    /**
     * The async bridge of the HTTP binding: {@code POST /<function>} with {@code Prefer: respond-async} is answered
     * {@code 202} and worked off from a bounded queue.
     */
    JobsConfig jobs();

    /**
     * Settings of the async bridge.
     */
    interface JobsConfig {

        /**
         * Most jobs accepted and not yet done (waiting or running) in the in-process queue; past it a request is
         * answered {@code 503} with {@code Retry-After}, and nothing is enqueued. The Kafka queue has its own bound.
         */
        @WithDefault("1000")
        int capacity();

        /**
         * Jobs this instance runs at a time. {@code 0}: this instance only accepts jobs, others run them (with a shared
         * queue).
         */
        @WithDefault("4")
        int concurrency();

        /**
         * Attempts of a job whose function fails transiently, reaches its deadline or fails internally; then it is
         * dead-lettered (kept as failed, logged). A client error fails the job at once.
         */
        @WithDefault("3")
        int maxAttempts();

        /**
         * Wait before the second attempt; each later one waits twice as long, up to {@code max-backoff}. An attempt
         * of an idempotent function whose key another delivery still holds (one that was running in a process that
         * died) waits at least until that delivery's deadline, when the key is free again, also up to
         * {@code max-backoff}.
         */
        @WithDefault("1s")
        Duration backoff();

        /**
         * Longest wait between two attempts.
         */
        @WithDefault("1m")
        Duration maxBackoff();

        /**
         * How long a job's state (and its result) can be read at its {@code Location} after it is accepted.
         */
        @WithDefault("1h")
        Duration retention();
    }

    /**
     * Per-function settings, keyed by function name: {@code quarkus.functions."greet".timeout=2s}.
     */
    @WithParentName
    @ConfigDocMapKey("function-name")
    Map<String, FunctionConfig> function();

    /**
     * Settings of one function.
     */
    interface FunctionConfig {

        /**
         * Deadline of this function's invocations. A {@code Uni} still pending then is cancelled, a blocking call is
         * interrupted, and the caller gets a deadline error ({@code 504} over HTTP).
         */
        Optional<Duration> timeout();

        /**
         * CloudEvent types routed to this function, besides the type equal to its name.
         */
        Optional<List<String>> eventTypes();

        /**
         * Whether every {@code POST} to this function is accepted as a job ({@code 202}), with or without
         * {@code Prefer: respond-async}. HTTP binding only.
         */
        @WithDefault("false")
        boolean asyncOnly();

        /**
         * Idempotency of this function; overrides its {@code @Idempotent} annotation.
         */
        FunctionIdempotencyConfig idempotency();
    }

    /**
     * Idempotency of one function.
     */
    interface FunctionIdempotencyConfig {

        /**
         * Whether repeated deliveries of this function are answered with the first one's outcome. Defaults to whether
         * the method is annotated {@code @Idempotent}.
         */
        Optional<Boolean> enabled();

        /**
         * A JSON Pointer (RFC 6901) into the input whose value is the key, for example {@code /orderId}. Without it,
         * the key is the platform's delivery identity: the {@code Idempotency-Key} header over HTTP, the message or
         * event id of a record, a CloudEvent's {@code source} and {@code id}.
         */
        Optional<String> key();

        /**
         * Whether an invocation without a key is rejected with {@code 400 idempotency-key-missing} instead of run
         * unprotected.
         */
        Optional<Boolean> keyRequired();

        /**
         * How long this function's outcomes are kept; defaults to {@code quarkus.functions.idempotency.expiry}.
         */
        Optional<Duration> expiry();
    }
}
