package io.quarkiverse.functions.runtime.internal.jobs;

import java.util.ArrayDeque;
import java.util.function.Function;

import jakarta.inject.Singleton;

import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.jobs.Job;
import io.quarkiverse.functions.runtime.jobs.JobQueue;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The embedded queue: bounded, in this process's memory, gone with it. Jobs accepted and not done when the process
 * stops are lost: use a durable queue (quarkus-functions-kafka) when that matters. No thread of its own: a job starts
 * on the thread that offered it or finished the previous one, and the worker hands the function to Quarkus's pool.
 */
@DefaultBean
@Singleton
public class InProcessJobQueue implements JobQueue {

    private final int capacity;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Object lock = new Object();
    /** Jobs accepted and not done: waiting plus running. */
    private int held;
    private int running;
    private int concurrency;
    private Function<Job, Uni<Void>> worker;

    InProcessJobQueue(FunctionsRuntimeConfig config) {
        this.capacity = config.jobs().capacity();
    }

    @Override
    public Uni<Boolean> offer(Job job) {
        synchronized (lock) {
            if (held >= capacity) {
                return Uni.createFrom().item(Boolean.FALSE);
            }
            held++;
            waiting.add(job);
        }
        drain();
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public void start(Function<Job, Uni<Void>> worker, int concurrency) {
        synchronized (lock) {
            this.worker = worker;
            this.concurrency = concurrency;
        }
        drain();
    }

    @Override
    public void stop() {
        synchronized (lock) {
            worker = null;
        }
    }

    @Override
    public boolean isDurable() {
        return false;
    }

    /**
     * @return jobs accepted and not done
     */
    public int held() {
        synchronized (lock) {
            return held;
        }
    }

    private void drain() {
        while (true) {
            Job next;
            Function<Job, Uni<Void>> target;
            synchronized (lock) {
                if (worker == null || running >= concurrency || waiting.isEmpty()) {
                    return;
                }
                next = waiting.poll();
                target = worker;
                running++;
            }
            target.apply(next).subscribe().with(done -> finished(), failure -> finished());
        }
    }

    private void finished() {
        synchronized (lock) {
            running--;
            held--;
        }
        drain();
    }
}
