package io.quarkiverse.functions.kafka.runtime;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the assigned partitions may be committed. Jobs complete out of order, but a committed offset says
 * "everything below is done": so per partition the commit is the lowest offset still pending (received and not
 * completed), or past the highest received when none is. A crash then redelivers every job not completed, and some
 * completed after the lowest pending one: at least once.
 * <p>
 * Used by the consumer thread alone. A completion carries the {@link Partition} it was received in; after a
 * rebalance revoked that partition (even if it came back since), the completion belongs to no current bookkeeping and
 * is ignored, so that a stale completion cannot mark a redelivered record done.
 */
final class OffsetBook {

    /**
     * The bookkeeping of one partition for as long as it stays assigned.
     */
    static final class Partition {

        final TopicPartition topicPartition;
        private final TreeSet<Long> pending = new TreeSet<>();
        private long next = -1;
        private long committed = -1;

        Partition(TopicPartition topicPartition) {
            this.topicPartition = topicPartition;
        }

        /**
         * @return the offset to commit, or {@code -1} when it would not move the committed one forward
         */
        long committable() {
            long offset = pending.isEmpty() ? next : pending.first();
            return offset > committed ? offset : -1;
        }
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /**
     * Notes a record received, pending until {@link #completed}.
     */
    Partition received(TopicPartition topicPartition, long offset) {
        Partition partition = partitions.get(topicPartition);
        if (partition == null) {
            partition = new Partition(topicPartition);
            partitions.put(topicPartition, partition);
        }
        partition.pending.add(offset);
        if (offset + 1 > partition.next) {
            partition.next = offset + 1;
        }
        return partition;
    }

    /**
     * Notes a record done; a record of a partition revoked since is ignored.
     *
     * @return whether the record belonged to the current bookkeeping
     */
    boolean completed(Partition partition, long offset) {
        if (partitions.get(partition.topicPartition) != partition) {
            return false;
        }
        partition.pending.remove(offset);
        return true;
    }

    /**
     * @return the offsets to commit for the given partitions (all when {@code null}), nothing where no commit would
     *         move forward
     */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> only) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Partition partition : partitions.values()) {
            if (only != null && !only.contains(partition.topicPartition)) {
                continue;
            }
            long offset = partition.committable();
            if (offset >= 0) {
                offsets.put(partition.topicPartition, new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /**
     * Notes offsets as committed, so that they are not committed again.
     */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
            Partition partition = partitions.get(entry.getKey());
            if (partition != null && entry.getValue().offset() > partition.committed) {
                partition.committed = entry.getValue().offset();
            }
        }
    }

    /**
     * Forgets revoked or lost partitions: their in-flight jobs' completions are ignored from now on.
     */
    void forget(Collection<TopicPartition> revoked) {
        for (TopicPartition topicPartition : revoked) {
            partitions.remove(topicPartition);
        }
    }

    /**
     * @return how many records of the given partition are pending, for tests
     */
    int pending(TopicPartition topicPartition) {
        Partition partition = partitions.get(topicPartition);
        return partition == null ? 0 : partition.pending.size();
    }
}
