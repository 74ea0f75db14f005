package io.quarkiverse.functions.kafka.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.kafka.runtime.KafkaJobQueue;
import io.quarkiverse.functions.kafka.runtime.KafkaQueueConfig;
import io.quarkiverse.functions.runtime.jobs.Job;
import io.quarkiverse.functions.runtime.jobs.JobQueue;
import io.quarkus.arc.DefaultBean;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * With the extension, the one {@link JobQueue} is the Kafka queue, configured from {@code quarkus.functions.kafka.*}
 * and from the {@code kafka.bootstrap-servers} the application already has. The queue's behaviour against a broker is
 * tested in the runtime module; this application never reaches one (the clients are created on first use), so the
 * bootstrap address need not answer.
 */
class KafkaJobQueueBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(InProcessQueue.class))
            .overrideConfigKey("kafka.bootstrap-servers", "broker-1:9092,broker-2:9092")
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("quarkus.functions.kafka.topic", "orders-jobs")
            .overrideConfigKey("quarkus.functions.kafka.capacity", "50")
            .overrideConfigKey("quarkus.functions.kafka.properties.\"security.protocol\"", "PLAINTEXT");

    @Inject
    JobQueue queue;

    @Inject
    KafkaQueueConfig config;

    @Test
    void theKafkaQueueReplacesTheDefaultQueue() {
        assertThat(queue).isInstanceOf(KafkaJobQueue.class);
        assertThat(queue.isDurable()).isTrue();
    }

    @Test
    void theQueueIsConfiguredFromTheApplicationsKafkaSettings() {
        assertThat(config.bootstrapServers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(config.topic()).isEqualTo("orders-jobs");
        assertThat(config.groupId()).isEqualTo("quarkus-functions-workers");
        assertThat(config.capacity()).isEqualTo(50);
        assertThat(config.partitions()).isEqualTo(4);
        assertThat(config.clientTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.replicationFactor()).isEmpty();
        assertThat(config.properties()).containsEntry("security.protocol", "PLAINTEXT");
    }

    /**
     * Stands for the core's in-process queue, a default bean that any other {@code JobQueue} bean replaces.
     */
    @DefaultBean
    @Singleton
    static class InProcessQueue implements JobQueue {

        @Override
        public Uni<Boolean> offer(Job job) {
            return Uni.createFrom().item(true);
        }

        @Override
        public void start(Function<Job, Uni<Void>> worker, int concurrency) {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isDurable() {
            return false;
        }
    }
}
