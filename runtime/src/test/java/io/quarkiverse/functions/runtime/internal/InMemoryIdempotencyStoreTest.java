package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * The embedded store honours the {@code IdempotencyStore} contract: atomic set-if-absent, compare-and-set,
 * compare-and-remove, expiry.
 */
class InMemoryIdempotencyStoreTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

    @Test
    void putIfAbsentStoresOnceThenAnswersWithTheValueHeld() {
        assertThat(store.putIfAbsent("k", "first", HOUR).await().indefinitely()).isNull();
        assertThat(store.putIfAbsent("k", "second", HOUR).await().indefinitely()).isEqualTo("first");
        assertThat(store.get("k").await().indefinitely()).isEqualTo("first");
    }

    @Test
    void replaceAndRemoveOnlyActOnTheExpectedValue() {
        store.put("k", "v1", HOUR).await().indefinitely();

        assertThat(store.replace("k", "other", "v2", HOUR).await().indefinitely()).isFalse();
        assertThat(store.replace("k", "v1", "v2", HOUR).await().indefinitely()).isTrue();
        assertThat(store.remove("k", "v1").await().indefinitely()).isFalse();
        assertThat(store.get("k").await().indefinitely()).isEqualTo("v2");
        assertThat(store.remove("k", "v2").await().indefinitely()).isTrue();
        assertThat(store.get("k").await().indefinitely()).isNull();
        assertThat(store.replace("absent", "v", "w", HOUR).await().indefinitely()).isFalse();
    }

    @Test
    void anExpiredValueIsAbsent() {
        store.put("gone", "v", Duration.ofNanos(1)).await().indefinitely();
        long waitedFor = System.nanoTime();
        while (System.nanoTime() - waitedFor < 1_000) {
            Thread.onSpinWait(); // a nanosecond TTL: a spin of a microsecond passes it
        }

        assertThat(store.get("gone").await().indefinitely()).isNull();
        assertThat(store.putIfAbsent("gone", "again", HOUR).await().indefinitely()).isNull();
        assertThat(store.replace("gone", "v", "w", HOUR).await().indefinitely()).isFalse();
    }

    @Test
    void concurrentClaimsOfOneKeyHaveOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> claims = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String value = "claim-" + i;
                claims.add(() -> store.putIfAbsent("contended", value, HOUR).await().indefinitely());
            }
            int winners = 0;
            for (Future<String> result : pool.invokeAll(claims)) {
                winners += result.get() == null ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredEntriesAreSweptAsWritesGoOn() {
        for (int i = 0; i < 5000; i++) {
            store.put("short-" + i, "v", Duration.ofNanos(1)).await().indefinitely();
        }
        assertThat(store.size()).as("entries left after a sweep").isLessThan(5000);
    }
}
