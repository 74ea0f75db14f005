package io.quarkiverse.functions.kafka.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.jobs.Job;
import io.quarkiverse.functions.runtime.jobs.JobQueue;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * A durable, scale-out {@link JobQueue} on a Kafka topic: a job is a record (key: the job's id, value:
 * {@link JobCodec}'s JSON), and every instance whose workers share a consumer group shares the jobs, one instance
 * per partition at a time.
 * <p>
 * Delivery is at least once. An offset is committed only once every job below it has completed (reached a final
 * state), so an instance that crashes, even by {@code kill -9}, leaves its unfinished jobs to be delivered again,
 * after a restart or to another instance of the group; a rebalance can redeliver a job in flight too. A job may
 * therefore run twice: the core makes that safe, as it keeps each job's state and makes the second run see the first
 * one's result (idempotency), so this queue does not try to deliver exactly once.
 * <p>
 * Back-pressure: {@link #offer} refuses a job while the backlog, measured on the brokers (see {@code backlog}), is at
 * {@link KafkaQueueConfig#capacity()}. Exact on one instance; instances see each other's sends only when they measure
 * again, so several may overshoot the bound by what they accepted since.
 */
@Singleton
public class KafkaJobQueue implements JobQueue {

    private static final Logger LOG = Logger.getLogger(KafkaJobQueue.class);
    /** How long a measured backlog is reused, counting this instance's own sends on top of it. */
    private static final long MEASURED_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final KafkaQueueConfig config;
    private final Executor blocking;
    private final Executor jobs;
    private final JobCodec codec = new JobCodec();
    /** Offers between their measurement and their acknowledgement: in no measurement yet, so counted here. */
    private final AtomicInteger sending = new AtomicInteger();
    private final Object measuring = new Object();
    private final AtomicLong sentSinceMeasured = new AtomicLong();
    private long measuredBacklog;
    private long measuredAt;
    private final Object lock = new Object();
    private volatile Admin admin;
    private volatile Producer<String, byte[]> producer;
    private volatile Backlog backlog;
    private volatile boolean topicReady;
    private ConsumerLoop loop;

    @Inject
    public KafkaJobQueue(KafkaQueueConfig config, Vertx vertx) {
        this(config, Infrastructure.getDefaultWorkerPool(), onNewDuplicatedContext(vertx));
    }

    /**
     * @param blocking where the blocking client calls run, off the caller's (event loop) thread, and where the jobs'
     *        work is subscribed
     */
    KafkaJobQueue(KafkaQueueConfig config, Executor blocking) {
        this(config, blocking, blocking);
    }

    private KafkaJobQueue(KafkaQueueConfig config, Executor blocking, Executor jobs) {
        this.config = config;
        this.blocking = blocking;
        this.jobs = jobs;
    }

    /**
     * Each job's work starts on a new duplicated Vert.x context, as an HTTP request's does. Without one, the job's
     * pipeline continues on the root context of whichever Vert.x client answered first (the Redis store's), where
     * Quarkus keeps no MDC: the invocation's log lines would lose {@code request_id}, {@code function} and the rest.
     */
    static Executor onNewDuplicatedContext(Vertx vertx) {
        return task -> VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> task.run());
    }

    @Override
    public Uni<Boolean> offer(Job job) {
        return Uni.createFrom().item(new Offer(job)).runSubscriptionOn(blocking);
    }

    @Override
    public void start(Function<Job, Uni<Void>> worker, int concurrency) {
        synchronized (lock) {
            if (loop != null) {
                throw new IllegalStateException("The Kafka job queue is started already");
            }
            long deadline = System.nanoTime() + config.clientTimeout().toNanos();
            try {
                clients(deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw failure(e);
            }
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.consumer(config, concurrency));
            loop = new ConsumerLoop(consumer, config.topic(), worker, concurrency, config.clientTimeout(), jobs, codec);
            loop.start();
            LOG.debugf("Working on the jobs of topic %s as group %s, %d at a time", config.topic(), config.groupId(),
                    concurrency);
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            if (loop != null) {
                loop.stop();
                loop = null;
            }
            Duration timeout = config.clientTimeout();
            if (producer != null) {
                producer.close(timeout);
                producer = null;
            }
            if (admin != null) {
                admin.close(timeout);
                admin = null;
                backlog = null;
                synchronized (measuring) {
                    measuredAt = 0;
                }
            }
        }
    }

    @PreDestroy
    void close() {
        stop();
    }

    @Override
    public boolean isDurable() {
        return true;
    }

    boolean offerBlocking(Job job) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + config.clientTimeout().toNanos();
        clients(deadline);
        int unmeasured = sending.incrementAndGet();
        try {
            if (backlog(deadline, unmeasured) + unmeasured > config.capacity()) {
                return false;
            }
            producer.send(new ProducerRecord<>(config.topic(), job.id(), codec.encode(job)))
                    .get(Backlog.remaining(deadline), TimeUnit.NANOSECONDS);
            sentSinceMeasured.incrementAndGet();
            return true;
        } finally {
            sending.decrementAndGet();
        }
    }

    /**
     * The backlog as last measured plus the jobs this instance sent since: an over-estimate (completions since are not
     * counted), so it is measured again on the brokers when it is older than {@code MEASURED_FOR} or when it leaves no
     * room for this offer. Far from the bound an offer then costs one write instead of four admin calls first; at the
     * bound it is exact, as before.
     */
    private long backlog(long deadline, int sendingNow) throws InterruptedException, ExecutionException, TimeoutException {
        synchronized (measuring) {
            long estimate = measuredBacklog + sentSinceMeasured.get();
            if (measuredAt != 0 && System.nanoTime() - measuredAt < MEASURED_FOR_NANOS
                    && estimate + sendingNow <= config.capacity()) {
                return estimate;
            }
            sentSinceMeasured.set(0);
            measuredBacklog = backlog.measure(deadline);
            measuredAt = System.nanoTime();
            return measuredBacklog;
        }
    }

    /**
     * Creates the clients on first use, not at start-up: an application that never offers nor works (a build, a
     * test of something else) opens no connection. Creates the topic too, when missing.
     */
    private void clients(long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        if (topicReady && producer != null) {
            return;
        }
        synchronized (lock) {
            if (admin == null) {
                admin = Admin.create(ClientConfigs.admin(config));
                backlog = new Backlog(admin, config.topic(), config.groupId());
            }
            if (!topicReady) {
                createTopic(deadline);
                topicReady = true;
            }
            if (producer == null) {
                producer = new KafkaProducer<>(ClientConfigs.producer(config));
            }
        }
    }

    private void createTopic(long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic topic = new NewTopic(config.topic(), Optional.of(config.partitions()), config.replicationFactor());
        try {
            admin.createTopics(List.of(topic)).all().get(Backlog.remaining(deadline), TimeUnit.NANOSECONDS);
            LOG.infof("Created topic %s with %d partitions for the jobs", config.topic(), config.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static RuntimeException failure(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new KafkaException("The Kafka job queue cannot reach the brokers: " + cause.getMessage(), cause);
    }

    /**
     * One offer, run on a worker thread: a named class rather than a lambda, for readable stack traces.
     */
    private final class Offer implements Supplier<Boolean> {

        private final Job job;

        Offer(Job job) {
            this.job = job;
        }

        @Override
        public Boolean get() {
            try {
                return offerBlocking(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw failure(e);
            }
        }
    }
}
