package io.quarkiverse.functions.runtime.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The embedded store: one process's memory. Repeats reaching another instance, or arriving after a restart, are not
 * recognised; use a shared store (quarkus-functions-redis) when the function scales out. Expired entries are dropped
 * when read, and swept every few thousand writes so that memory stays bounded by the traffic of one expiry period.
 */
@DefaultBean
@Singleton
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private static final int SWEEP_EVERY = 4096;

    private record Entry(String value, long expiresAt) {
        boolean live(long now) {
            return now - expiresAt < 0;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Override
    public Uni<String> putIfAbsent(String key, String value, Duration ttl) {
        long now = System.nanoTime();
        Entry mine = new Entry(value, now + ttl.toNanos());
        String[] existing = new String[1];
        entries.compute(key, (k, current) -> {
            if (current != null && current.live(now)) {
                existing[0] = current.value;
                return current;
            }
            return mine;
        });
        written(now);
        return Uni.createFrom().item(existing[0]);
    }

    @Override
    public Uni<Boolean> replace(String key, String expected, String value, Duration ttl) {
        long now = System.nanoTime();
        boolean[] replaced = new boolean[1];
        entries.computeIfPresent(key, (k, current) -> {
            if (current.live(now) && current.value.equals(expected)) {
                replaced[0] = true;
                return new Entry(value, now + ttl.toNanos());
            }
            return current.live(now) ? current : null;
        });
        return Uni.createFrom().item(replaced[0]);
    }

    @Override
    public Uni<Boolean> remove(String key, String expected) {
        long now = System.nanoTime();
        boolean[] removed = new boolean[1];
        entries.computeIfPresent(key, (k, current) -> {
            if (!current.live(now)) {
                return null;
            }
            removed[0] = current.value.equals(expected);
            return removed[0] ? null : current;
        });
        return Uni.createFrom().item(removed[0]);
    }

    @Override
    public Uni<String> get(String key) {
        Entry entry = entries.get(key);
        return Uni.createFrom().item(entry != null && entry.live(System.nanoTime()) ? entry.value : null);
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl) {
        long now = System.nanoTime();
        entries.put(key, new Entry(value, now + ttl.toNanos()));
        written(now);
        return Uni.createFrom().voidItem();
    }

    /**
     * @return how many entries are held, expired ones not yet swept included
     */
    int size() {
        return entries.size();
    }

    private void written(long now) {
        if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
                if (!it.next().live(now)) {
                    it.remove();
                }
            }
        }
    }
}
