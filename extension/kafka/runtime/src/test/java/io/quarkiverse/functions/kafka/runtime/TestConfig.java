package io.quarkiverse.functions.kafka.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The queue's configuration without Quarkus: these tests run the queue as plain objects against a real broker.
 */
record TestConfig(String bootstrapServers, String topic, String groupId, int partitions, int capacity,
        Duration clientTimeout) implements KafkaQueueConfig {

    static TestConfig of(String bootstrapServers, String name) {
        return new TestConfig(bootstrapServers, name, name + "-workers", 4, 1000, Duration.ofSeconds(5));
    }

    TestConfig withPartitions(int partitions) {
        return new TestConfig(bootstrapServers, topic, groupId, partitions, capacity, clientTimeout);
    }

    TestConfig withCapacity(int capacity) {
        return new TestConfig(bootstrapServers, topic, groupId, partitions, capacity, clientTimeout);
    }

    TestConfig withTimeout(Duration timeout) {
        return new TestConfig(bootstrapServers, topic, groupId, partitions, capacity, timeout);
    }

    @Override
    public Optional<Short> replicationFactor() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> properties() {
        return Map.of();
    }
}
