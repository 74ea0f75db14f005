package io.quarkiverse.functions.kafka.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The jobs accepted and not yet completed, across the topic and so across every instance of the group: per partition,
 * its end offset less the group's committed offset (or less its first offset where the group committed none, or
 * where retention deleted past the commit). Since a commit follows completion, jobs in flight count as not completed.
 * The topic's description, then three admin calls at once, all bounded by what is left of the caller's deadline;
 * blocking, so called on a worker thread.
 */
final class Backlog {

    private final Admin admin;
    private final String topic;
    private final String groupId;

    Backlog(Admin admin, String topic, String groupId) {
        this.admin = admin;
        this.topic = topic;
        this.groupId = groupId;
    }

    long measure(long deadlineNanos) throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(remaining(deadlineNanos), TimeUnit.NANOSECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicPartitionInfo info : description.partitions()) {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            latest.put(partition, OffsetSpec.latest());
            earliest.put(partition, OffsetSpec.earliest());
        }
        int timeoutMs = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadlineNanos)));
        // The three at once: one round trip's wait rather than three.
        KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> endsFuture = admin
                .listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs)).all();
        KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> beginsFuture = admin
                .listOffsets(earliest, new ListOffsetsOptions().timeoutMs(timeoutMs)).all();
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committedFuture = admin
                .listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
                .partitionsToOffsetAndMetadata();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = endsFuture
                .get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> begins = beginsFuture
                .get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = committedFuture
                .get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
        long backlog = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
            long done = begins.get(end.getKey()).offset();
            OffsetAndMetadata commit = committed.get(end.getKey());
            if (commit != null && commit.offset() > done) {
                done = commit.offset();
            }
            backlog += Math.max(0, end.getValue().offset() - done);
        }
        return backlog;
    }

    static long remaining(long deadlineNanos) throws TimeoutException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("Kafka did not answer in time");
        }
        return left;
    }
}
