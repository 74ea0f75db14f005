package io.quarkiverse.functions.kafka.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.jobs.Job;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * The one thread that owns the consumer (a Kafka consumer is not thread-safe): it polls, hands each job to the
 * worker, keeps at most {@code concurrency} of them in flight by pausing the partitions while full, and commits what
 * {@link OffsetBook} allows. Workers complete on their own threads; their completions come back through a queue that
 * this thread drains, so the bookkeeping needs no lock.
 */
final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /**
     * How long a poll waits for records: also how soon a completion is committed and a paused consumer resumes.
     */
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Function<Job, Uni<Void>> worker;
    private final int concurrency;
    private final Duration timeout;
    private final Executor subscriptions;
    private final JobCodec codec;
    private final OffsetBook book = new OffsetBook();
    private final ArrayDeque<Received> buffered = new ArrayDeque<>();
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private int inFlight;
    private boolean paused;

    ConsumerLoop(Consumer<String, byte[]> consumer, String topic, Function<Job, Uni<Void>> worker, int concurrency,
            Duration timeout, Executor subscriptions, JobCodec codec) {
        this.consumer = consumer;
        this.topic = topic;
        this.worker = worker;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.subscriptions = subscriptions;
        this.codec = codec;
        this.thread = new Thread(this, "quarkus-functions-kafka-consumer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Stops polling, commits what completed and closes the consumer; jobs still in flight stay uncommitted, so the
     * group delivers them again.
     */
    void stop() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(timeout.toMillis() * 2 + POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("The Kafka consumer of %s did not stop within %s", topic, timeout.multipliedBy(2));
        }
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), this);
            while (running) {
                drainCompletions();
                commit(null);
                dispatch();
                flowControl();
                // Full: wait for a completion rather than in a poll of paused partitions, so that a job done frees its
                // slot at once (such a poll would hold it up to POLL); a poll still follows every round, as the group
                // expects one within max.poll.interval.ms.
                boolean full = inFlight >= concurrency;
                if (full) {
                    awaitCompletion();
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(full ? Duration.ZERO : POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    buffered.add(new Received(book.received(partition, record.offset()), record));
                }
                dispatch();
            }
        } catch (WakeupException e) {
            // stop()
        } catch (RuntimeException e) {
            LOG.errorf(e, "The Kafka consumer of %s stopped", topic);
        } finally {
            try {
                drainCompletions();
                commit(null);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Committing the completed jobs of %s on stop failed; they will run again", topic);
            }
            consumer.close(timeout);
        }
    }

    private void dispatch() {
        while (inFlight < concurrency && !buffered.isEmpty()) {
            Received received = buffered.poll();
            long offset = received.record.offset();
            Job job;
            try {
                job = codec.decode(received.record.value());
            } catch (RuntimeException e) {
                // A record no worker can ever handle: skipped, or it would hold back every commit of its partition.
                LOG.errorf(e, "Skipped record %s of %s: not a job", offset, received.partition.topicPartition);
                book.completed(received.partition, offset);
                continue;
            }
            inFlight++;
            Done done = new Done(received.partition, offset, job.id());
            Uni<Void> uni;
            try {
                uni = worker.apply(job);
            } catch (RuntimeException e) {
                uni = Uni.createFrom().failure(e);
            }
            if (uni == null) {
                uni = Uni.createFrom().voidItem();
            }
            // Subscribed off this thread: a worker that starts its work synchronously must not hold up polling.
            uni.runSubscriptionOn(subscriptions).subscribe().withSubscriber(done);
        }
    }

    private void flowControl() {
        boolean full = inFlight + buffered.size() >= concurrency;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (full) {
            // Partitions assigned since the pause.
            consumer.pause(consumer.assignment());
        } else if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    /**
     * Waits up to {@code POLL} for a job to complete.
     */
    private void awaitCompletion() {
        try {
            Done done = completions.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (done != null) {
                inFlight--;
                book.completed(done.partition, done.offset);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    private void drainCompletions() {
        Done done;
        while ((done = completions.poll()) != null) {
            inFlight--;
            book.completed(done.partition, done.offset);
        }
    }

    private void commit(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> offsets = book.committable(only);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, timeout);
            book.committed(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // Still committable: the next round tries again; a crash before then redelivers these jobs.
            LOG.debugf(e, "Committing %s failed", offsets);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        drainCompletions();
        commit(partitions);
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Bookkeeping starts with the first record received; flowControl pauses new partitions while full.
    }

    /**
     * Another member now owns these partitions: records not yet handed out are dropped (it gets them), and the
     * completions of jobs in flight are ignored (it gets those again too, unless committed above).
     */
    private void forget(Collection<TopicPartition> partitions) {
        book.forget(partitions);
        Iterator<Received> it = buffered.iterator();
        while (it.hasNext()) {
            if (partitions.contains(it.next().partition.topicPartition)) {
                it.remove();
            }
        }
    }

    private record Received(OffsetBook.Partition partition, ConsumerRecord<String, byte[]> record) {
    }

    /**
     * The end of one job's {@code Uni}: a subscriber rather than two lambdas, one object per job.
     */
    private final class Done implements UniSubscriber<Void> {

        final OffsetBook.Partition partition;
        final long offset;
        final String jobId;

        Done(OffsetBook.Partition partition, long offset, String jobId) {
            this.partition = partition;
            this.offset = offset;
            this.jobId = jobId;
        }

        @Override
        public void onSubscribe(UniSubscription subscription) {
        }

        @Override
        public void onItem(Void item) {
            completions.add(this);
        }

        @Override
        public void onFailure(Throwable failure) {
            // The worker retries and dead-letters on its own; a Uni that fails anyway counts as done, since
            // redelivering here would bypass its bound of retries.
            LOG.errorf(failure, "Job %s failed outside the worker's handling; acknowledged", jobId);
            completions.add(this);
        }
    }
}
