package io.quarkiverse.functions.kafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetBookTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);

    @Test
    void commitsOnlyBelowTheLowestPendingOffset() {
        OffsetBook book = new OffsetBook();
        OffsetBook.Partition p = null;
        for (long offset = 10; offset < 15; offset++) {
            p = book.received(P0, offset);
        }

        book.completed(p, 11);
        book.completed(p, 13);
        assertThat(book.committable(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(10)));
        book.committed(book.committable(null));
        assertThat(book.committable(null)).isEmpty();

        book.completed(p, 10);
        assertThat(book.committable(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));

        book.completed(p, 12);
        book.completed(p, 14);
        assertThat(book.committable(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(15)));
    }

    @Test
    void aCompletionFromBeforeARevocationIsIgnored() {
        OffsetBook book = new OffsetBook();
        OffsetBook.Partition before = book.received(P0, 0);
        book.forget(List.of(P0));
        OffsetBook.Partition after = book.received(P0, 0);

        assertThat(book.completed(before, 0)).isFalse();
        assertThat(book.pending(P0)).isEqualTo(1);
        assertThat(book.committable(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(0)));

        assertThat(book.completed(after, 0)).isTrue();
        assertThat(book.committable(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    }
}
