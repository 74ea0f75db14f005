package io.quarkiverse.functions.runtime.jobs;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/**
 * Where accepted async invocations wait for a worker. The in-process bounded queue is the default bean; a CDI bean of
 * this type (quarkus-functions-kafka provides one) replaces it. An SQS adapter would fit the same shape: {@code offer}
 * sends a message, and the Lambda binding's SQS path is the consumer.
 */
public interface JobQueue {

    /**
     * Enqueues a job unless the queue holds its bound of jobs not yet done.
     *
     * @return {@code true} when enqueued; {@code false} when full, with nothing enqueued. Fails when the queue cannot
     *         be reached.
     */
    Uni<Boolean> offer(Job job);

    /**
     * Starts delivering jobs to {@code worker}, at most {@code concurrency} at a time. A job stays in the queue (and is
     * delivered again after a restart, for a durable queue) until the {@code Uni} the worker returned for it completes.
     */
    void start(Function<Job, Uni<Void>> worker, int concurrency);

    /**
     * Stops delivering; jobs in progress are not acknowledged.
     */
    void stop();

    /**
     * @return whether jobs survive a restart of the application
     */
    boolean isDurable();
}
