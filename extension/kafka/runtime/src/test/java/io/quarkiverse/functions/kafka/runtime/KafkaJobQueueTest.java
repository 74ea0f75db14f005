package io.quarkiverse.functions.kafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.kafka.testbroker.KafkaBroker;
import io.quarkiverse.functions.runtime.jobs.Job;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The queue against a real broker (one per class, {@link KafkaBroker}); each test has a topic and a group of its own.
 * Nothing waits a fixed time: latches for deliveries, and bounded polling of the broker's offsets.
 */
class KafkaJobQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static KafkaBroker broker;
    private static Admin admin;
    private static BrokerState state;

    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final List<KafkaJobQueue> queues = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        System.out.println("Kafka broker started in " + broker.startMillis() + " ms");
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        state = new BrokerState(admin, WAIT);
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void stopQueues() {
        for (KafkaJobQueue queue : queues) {
            queue.stop();
        }
        blocking.shutdownNow();
    }

    @Test
    void aJobIsDeliveredWithEveryFieldAndCommittedOnceDone() throws Exception {
        TestConfig config = TestConfig.of(broker.bootstrapServers(), "delivery");
        ConcurrentLinkedQueue<Job> received = new ConcurrentLinkedQueue<>();
        CountDownLatch delivered = new CountDownLatch(1);
        KafkaJobQueue queue = queue(config);
        queue.start(job -> {
            received.add(job);
            delivered.countDown();
            return Uni.createFrom().voidItem();
        }, 4);
        byte[] input = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        Job job = new Job("job-1", "greet", input, "application/json", "idem-1", "4bf92f3577b34da6a3ce929d0e0e4736",
                1_700_000_000_000L);

        assertThat(queue.offer(job).await().atMost(WAIT)).isTrue();

        assertThat(delivered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Job got = received.peek();
        assertThat(got.id()).isEqualTo("job-1");
        assertThat(got.function()).isEqualTo("greet");
        assertThat(got.input()).containsExactly(input);
        assertThat(got.mediaType()).isEqualTo("application/json");
        assertThat(got.idempotencyKey()).isEqualTo("idem-1");
        assertThat(got.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(got.acceptedAt()).isEqualTo(1_700_000_000_000L);
        assertThat(queue.isDurable()).isTrue();
        // The topic was created with the configured partitions, and the group's commit reached the end.
        assertThat(state.partitions(config.topic())).hasSize(4);
        state.awaitCommitted(config, 1);
        assertThat(received).hasSize(1);
    }

    @Test
    void jobsNotCompletedBeforeAStopAreDeliveredAgainCompletedOnesAreNot() throws Exception {
        // One partition: the offsets, and so what a commit covers, follow the order of the offers.
        TestConfig config = TestConfig.of(broker.bootstrapServers(), "redelivery").withPartitions(1);
        Set<String> completing = Set.of("j0", "j1", "j3", "j5");
        CountDownLatch firstRun = new CountDownLatch(6);
        KafkaJobQueue crashing = queue(config);
        crashing.start(job -> {
            firstRun.countDown();
            // j2 and j4 never complete: in flight when the instance goes away.
            return completing.contains(job.id()) ? Uni.createFrom().voidItem() : Uni.createFrom().nothing();
        }, 10);
        for (int i = 0; i < 6; i++) {
            assertThat(crashing.offer(job("j" + i)).await().atMost(WAIT)).isTrue();
        }
        assertThat(firstRun.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // j0 and j1 are done and below every pending job: committed. j3 and j5 are done, but above j2.
        state.awaitCommitted(config, 2);

        crashing.stop();
        assertThat(state.committed(config)).isEqualTo(2);

        List<String> secondRun = new CopyOnWriteArrayList<>();
        CountDownLatch redelivered = new CountDownLatch(4);
        KafkaJobQueue restarted = queue(config);
        restarted.start(job -> {
            secondRun.add(job.id());
            redelivered.countDown();
            return Uni.createFrom().voidItem();
        }, 10);

        assertThat(redelivered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        state.awaitCommitted(config, 6);
        // At least once: the two unfinished jobs again, and the two finished above them (their commit waited for j2).
        assertThat(secondRun).containsExactly("j2", "j3", "j4", "j5");
    }

    @Test
    void twoInstancesOfOneGroupShareTheJobs() throws Exception {
        TestConfig config = TestConfig.of(broker.bootstrapServers(), "scale-out");
        Map<String, List<String>> byInstance = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(40);
        KafkaJobQueue a = queue(config);
        KafkaJobQueue b = queue(config);
        a.start(recorder("a", byInstance, all), 8);
        b.start(recorder("b", byInstance, all), 8);
        // Jobs are offered once the group is stable with both members assigned: no rebalance, hence no redelivery,
        // can happen during the batch, so every job must complete exactly once.
        state.awaitGroupOfTwo(config);

        for (int i = 0; i < 40; i++) {
            assertThat(a.offer(job("s" + i)).await().atMost(WAIT)).isTrue();
        }

        assertThat(all.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        state.awaitCommitted(config, 40);
        List<String> fromA = byInstance.getOrDefault("a", List.of());
        List<String> fromB = byInstance.getOrDefault("b", List.of());
        assertThat(fromA).isNotEmpty();
        assertThat(fromB).isNotEmpty();
        List<String> every = new ArrayList<>(fromA);
        every.addAll(fromB);
        assertThat(every).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void offersBeyondTheCapacityAreRefusedAndNothingIsWritten() throws Exception {
        TestConfig config = TestConfig.of(broker.bootstrapServers(), "capacity").withCapacity(5);
        List<UniEmitter<? super Void>> held = new CopyOnWriteArrayList<>();
        CountDownLatch taken = new CountDownLatch(5);
        KafkaJobQueue queue = queue(config);
        queue.start(job -> Uni.createFrom().emitter(emitter -> {
            held.add(emitter);
            taken.countDown();
        }), 10);

        for (int i = 0; i < 5; i++) {
            assertThat(queue.offer(job("c" + i)).await().atMost(WAIT)).isTrue();
        }
        assertThat(queue.offer(job("c5")).await().atMost(WAIT)).isFalse();
        assertThat(queue.offer(job("c6")).await().atMost(WAIT)).isFalse();
        assertThat(state.endOffsets(config.topic())).isEqualTo(5);

        // Completing the jobs commits them, and the backlog, measured on the broker, has room again.
        assertThat(taken.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (UniEmitter<? super Void> emitter : held) {
            emitter.complete(null);
        }
        state.awaitCommitted(config, 5);
        assertThat(queue.offer(job("c7")).await().atMost(WAIT)).isTrue();
        assertThat(state.endOffsets(config.topic())).isEqualTo(6);
    }

    @Test
    void anOfferFailsWithinTheTimeoutWhenNoBrokerAnswers() {
        TestConfig config = TestConfig.of("127.0.0.1:" + KafkaBroker.freePort(), "down")
                .withTimeout(Duration.ofSeconds(2));
        KafkaJobQueue queue = queue(config);

        long begin = System.nanoTime();
        assertThatThrownBy(() -> queue.offer(job("d0")).await().atMost(WAIT)).isInstanceOf(RuntimeException.class);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

        // The timeout bounds the whole offer: topic creation, backlog measurement and the write.
        assertThat(tookMs).isLessThan(3_500);
    }

    private KafkaJobQueue queue(TestConfig config) {
        KafkaJobQueue queue = new KafkaJobQueue(config, blocking);
        queues.add(queue);
        return queue;
    }

    private static Job job(String id) {
        return new Job(id, "f", id.getBytes(StandardCharsets.UTF_8), "text/plain", null, null, System.currentTimeMillis());
    }

    private static Function<Job, Uni<Void>> recorder(String instance, Map<String, List<String>> byInstance,
            CountDownLatch latch) {
        return job -> {
            byInstance.computeIfAbsent(instance, k -> new CopyOnWriteArrayList<>()).add(job.id());
            latch.countDown();
            return Uni.createFrom().voidItem();
        };
    }
}
