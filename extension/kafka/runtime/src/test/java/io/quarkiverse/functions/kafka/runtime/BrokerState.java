package io.quarkiverse.functions.kafka.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * What the broker says of a test's topic and group: the facts the tests assert on, read with an admin client, and
 * bounded polling for them (each round a request to the broker, a short pause between rounds).
 */
final class BrokerState {

    private final Admin admin;
    private final Duration wait;

    BrokerState(Admin admin, Duration wait) {
        this.admin = admin;
        this.wait = wait;
    }

    List<TopicPartitionInfo> partitions(String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic);
        return description.partitions();
    }

    long endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo info : partitions(topic)) {
            latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
        }
        long sum = 0;
        for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values()) {
            sum += info.offset();
        }
        return sum;
    }

    long committed(TestConfig config) throws Exception {
        long sum = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(config.groupId())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset != null) {
                sum += offset.offset();
            }
        }
        return sum;
    }

    void awaitCommitted(TestConfig config, long expected) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            last = committed(config);
            if (last == expected) {
                return;
            }
            // Each round is a request to the broker; a short pause keeps the loop from flooding it.
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("committed offsets of " + config.groupId() + ": " + last + ", expected " + expected);
    }

    void awaitGroupOfTwo(TestConfig config) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.groupId())).all()
                    .get(10, TimeUnit.SECONDS).get(config.groupId());
            Set<TopicPartition> assigned = new HashSet<>();
            boolean everyMemberHasSome = group.members().size() == 2;
            for (MemberDescription member : group.members()) {
                Set<TopicPartition> own = member.assignment().topicPartitions();
                everyMemberHasSome &= !own.isEmpty();
                assigned.addAll(own);
            }
            last = group.groupState() + " " + group.members().size() + " members, " + assigned;
            if (everyMemberHasSome && assigned.size() == config.partitions()
                    && "STABLE".equals(group.groupState().name())) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("group " + config.groupId() + " not stable with two members: " + last);
    }
}
