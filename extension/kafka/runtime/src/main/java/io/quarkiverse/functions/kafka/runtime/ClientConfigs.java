package io.quarkiverse.functions.kafka.runtime;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The properties of the queue's three clients. In each, the queue's defaults come first, then the application's
 * {@code quarkus.functions.kafka.properties}, then what the queue's guarantees rest on, which nothing overrides.
 */
final class ClientConfigs {

    private ClientConfigs() {
    }

    static Map<String, Object> admin(KafkaQueueConfig config) {
        Map<String, Object> p = defaults(config);
        int timeoutMs = timeoutMs(config);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.putAll(config.properties());
        return p;
    }

    /**
     * Idempotent, {@code acks=all}: an acknowledged job is on every in-sync replica, and a retried send does not write
     * it twice. No linger: an offer waits for its acknowledgement anyway. A send gives up after the timeout, as the
     * offer does, so that a job the caller was told failed is unlikely to be written later.
     */
    static Map<String, Object> producer(KafkaQueueConfig config) {
        Map<String, Object> p = defaults(config);
        int timeoutMs = timeoutMs(config);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        p.putAll(config.properties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Manual commits only, from the earliest record of a partition the group never committed: a job written before
     * the first worker of the group started is still a job.
     */
    static Map<String, Object> consumer(KafkaQueueConfig config, int concurrency) {
        Map<String, Object> p = defaults(config);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, concurrency));
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs(config));
        p.putAll(config.properties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Map<String, Object> defaults(KafkaQueueConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return p;
    }

    private static int timeoutMs(KafkaQueueConfig config) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.clientTimeout().toMillis()));
    }
}
