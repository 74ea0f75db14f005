package io.quarkiverse.functions.runtime.internal.jobs;

import java.io.IOException;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.jobs.Job;
import io.smallrye.mutiny.Uni;

/**
 * Runs one job through the core invoker (its deadline, context and logs, with the job's id as request id): a transient,
 * deadline or internal failure is retried with exponential backoff up to the configured attempts, then dead-lettered;
 * a client error fails the job at once. The returned {@code Uni} completes when the job reached a final state, which
 * is when a queue may forget it. A job delivered again after it finished (a durable queue after a crash) is not run
 * again.
 */
final class JobWorker {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");

    private final FunctionInvoker invoker;
    private final IdempotencyStore store;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration retention;

    JobWorker(FunctionInvoker invoker, IdempotencyStore store, FunctionsRuntimeConfig.JobsConfig config) {
        this.invoker = invoker;
        this.store = store;
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.backoff = config.backoff();
        this.maxBackoff = config.maxBackoff();
        this.retention = config.retention();
    }

    Uni<Void> run(Job job) {
        String key = JobStates.key(job.function(), job.id());
        return store.get(key)
                .onItem().transformToUni(state -> JobStates.isFinal(JobStates.status(state)) ? Uni.createFrom().voidItem()
                        : attempt(job, key, 1))
                .onFailure().invoke(failure -> LOG.warnf("Job %s of function '%s' could not be run: %s", job.id(),
                        job.function(), failure.getMessage()));
    }

    private Uni<Void> attempt(Job job, String key, int attempt) {
        Invocation invocation = Invocation.builder(Platform.HTTP, job.function(), job.id())
                .input(FunctionInput.payload(job.input(), job.mediaType()))
                .traceId(job.traceId())
                .trigger(Trigger.PUBSUB)
                .attempt(attempt)
                .deliveryId(job.idempotencyKey() != null ? job.idempotencyKey() : job.id())
                .build();
        return store.put(key, JobStates.running(job, attempt), retention)
                .onItem().transformToUni(ignored -> invoker.invoke(invocation))
                .onItem().transformToUni(outcome -> {
                    boolean retry = !outcome.isSuccess() && outcome.error().kind() != Kind.CLIENT;
                    if (retry && attempt < maxAttempts) {
                        return Uni.createFrom().voidItem().onItem().delayIt().by(delay(attempt, outcome.error()))
                                .onItem().transformToUni(ignored -> attempt(job, key, attempt + 1));
                    }
                    if (retry) {
                        LOG.warnf("Job %s of function '%s' dead-lettered after %d attempts: %s", job.id(), job.function(),
                                attempt, outcome.error().code());
                    }
                    return finish(job, key, attempt, outcome, retry);
                });
    }

    private Uni<Void> finish(Job job, String key, int attempts, Outcome outcome, boolean deadLettered) {
        String state;
        try {
            state = JobStates.done(job, attempts, outcome, deadLettered);
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalStateException("Writing the state of job " + job.id() + " failed", e));
        }
        return store.put(key, state, retention);
    }

    /**
     * The backoff before the next attempt; at least until the key of an idempotent function is free again when another
     * delivery holds it (a process killed while running it leaves its in-progress marker until that delivery's
     * deadline): retried sooner, every attempt would find it held and the job would be dead-lettered unrun.
     */
    private Duration delay(int attempt, FunctionError error) {
        Duration delay = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        if (Errors.IDEMPOTENCY_IN_PROGRESS.equals(error.code()) && error.retryAfter() != null
                && error.retryAfter().compareTo(delay) > 0) {
            delay = error.retryAfter();
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
