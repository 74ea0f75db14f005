package io.quarkiverse.functions.kafka.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Kafka queue of async invocations. Every application instance with the same {@link #groupId()} and
 * {@link #topic()} shares the jobs: each partition is worked on by one instance at a time.
 */
@ConfigMapping(prefix = "quarkus.functions.kafka")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface KafkaQueueConfig {

    /**
     * The brokers, as Kafka's {@code bootstrap.servers}. By default the {@code kafka.bootstrap-servers} an
     * application with other Kafka clients (or Kafka Dev Services) already has, so that one setting serves all.
     */
    @WithDefault("${kafka.bootstrap-servers:localhost:9092}")
    String bootstrapServers();

    /**
     * The topic the jobs are written to. Created at start-up when missing, with {@link #partitions()} partitions.
     */
    @WithDefault("quarkus-functions-jobs")
    String topic();

    /**
     * The consumer group of the workers: instances in one group share the jobs, and the group's committed offsets
     * say which jobs are done.
     */
    @WithDefault("quarkus-functions-workers")
    String groupId();

    /**
     * The partitions of the topic when this queue creates it: the most instances that can work at once, since a
     * partition is worked on by one instance at a time. An existing topic keeps its partitions.
     */
    @WithDefault("4")
    int partitions();

    /**
     * The replication factor of the topic when this queue creates it; by default the broker's
     * {@code default.replication.factor}.
     */
    Optional<Short> replicationFactor();

    /**
     * The bound of the queue: how many jobs may be accepted and not yet completed, across the topic and so across
     * all instances of the group. Beyond it a job is refused (the HTTP binding answers 503) rather than piling up.
     */
    @WithDefault("1000")
    int capacity();

    /**
     * How long a call to the brokers may take: the whole of an {@code offer} (backlog measurement and the
     * acknowledged write), topic creation, an offset commit. A broker that is down fails the call after it.
     * <p>
     * Not {@code timeout}: {@code quarkus.functions."<name>".timeout} is the deadline of the function {@code <name>}.
     */
    @WithDefault("5s")
    Duration clientTimeout();

    /**
     * More properties of the Kafka clients (admin, producer and consumer), such as {@code security.protocol} or
     * {@code sasl.jaas.config}. They cannot change what the queue's guarantees rest on: the group, manual commits,
     * the (de)serializers, {@code acks=all} and idempotence.
     */
    Map<String, String> properties();
}
