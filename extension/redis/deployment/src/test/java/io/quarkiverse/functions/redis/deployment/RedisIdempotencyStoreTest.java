package io.quarkiverse.functions.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.redis.runtime.RedisIdempotencyStore;
import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.DefaultBean;
import io.quarkus.funqy.Funq;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * The store's contract against a real redis-server, checked on what Redis holds.
 */
class RedisIdempotencyStoreTest {

    static final Duration AWAIT = Duration.ofSeconds(30);
    static final Duration MINUTE = Duration.ofMinutes(1);

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, InMemoryDefault.class, RedisServer.class))
            .setBeforeAllCustomizer(() -> System.setProperty("quarkus.redis.hosts",
                    "redis://127.0.0.1:" + RedisServer.start(null)))
            .setAfterAllCustomizer(() -> {
                RedisServer.stop();
                System.clearProperty("quarkus.redis.hosts");
            })
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.functions.redis.key-prefix", "test-app:")
            .overrideConfigKey("quarkus.functions.redis.command-timeout", "5s");

    @Inject
    IdempotencyStore store;

    @Inject
    RedisDataSource redis;

    @Test
    void theRedisStoreReplacesTheDefaultBean() {
        assertThat(ClientProxy.unwrap(store)).isExactlyInstanceOf(RedisIdempotencyStore.class);
    }

    @Test
    void putIfAbsentStoresThenReturnsTheValueHeld() {
        String key = key();

        assertThat(await(store.putIfAbsent(key, "first", MINUTE))).isNull();
        assertThat(await(store.putIfAbsent(key, "second", MINUTE))).isEqualTo("first");
        assertThat(redis.value(String.class).get("test-app:" + key)).isEqualTo("first");
        assertThat(await(store.get(key))).isEqualTo("first");
    }

    @Test
    void keysCarryThePrefix() {
        String key = key();
        await(store.put(key, "v", MINUTE));

        assertThat(redis.key().keys("*" + key)).containsExactly("test-app:" + key);
        assertThat(redis.key().exists(key)).isFalse();
    }

    @Test
    void valuesExpire() {
        String lasting = key();
        String brief = key();
        await(store.putIfAbsent(lasting, "v", MINUTE));
        await(store.putIfAbsent(brief, "v", Duration.ofMillis(200)));

        assertThat(redis.key().pttl("test-app:" + lasting)).isBetween(1L, MINUTE.toMillis());
        // -1 would be a key without expiry; -2 a key already gone
        assertThat(redis.key().pttl("test-app:" + brief)).isLessThanOrEqualTo(200L).isNotEqualTo(-1L);
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (await(store.get(brief)) != null) {
            assertThat(System.nanoTime() - deadline).as("the value outlived its TTL").isNegative();
        }
        assertThat(redis.key().exists("test-app:" + brief)).isFalse();
        assertThat(await(store.putIfAbsent(brief, "again", MINUTE))).isNull();
    }

    @Test
    void replaceSucceedsOnlyOnTheExpectedValue() {
        String key = key();
        await(store.put(key, "pending", MINUTE));

        assertThat(await(store.replace(key, "other", "done", MINUTE))).isFalse();
        assertThat(redis.value(String.class).get("test-app:" + key)).isEqualTo("pending");
        assertThat(await(store.replace(key, "pending", "done", Duration.ofHours(1)))).isTrue();
        assertThat(redis.value(String.class).get("test-app:" + key)).isEqualTo("done");
        assertThat(redis.key().pttl("test-app:" + key)).isGreaterThan(MINUTE.toMillis());
        assertThat(await(store.replace(key(), "pending", "done", MINUTE))).as("an absent key").isFalse();
    }

    @Test
    void removeSucceedsOnlyOnTheExpectedValue() {
        String key = key();
        await(store.put(key, "pending", MINUTE));

        assertThat(await(store.remove(key, "other"))).isFalse();
        assertThat(redis.key().exists("test-app:" + key)).isTrue();
        assertThat(await(store.remove(key, "pending"))).isTrue();
        assertThat(redis.key().exists("test-app:" + key)).isFalse();
        assertThat(await(store.remove(key, "pending"))).as("already removed").isFalse();
    }

    @Test
    void putOverwrites() {
        String key = key();
        await(store.put(key, "one", MINUTE));
        await(store.put(key, "two", Duration.ofHours(1)));

        assertThat(redis.value(String.class).get("test-app:" + key)).isEqualTo("two");
        assertThat(redis.key().pttl("test-app:" + key)).isGreaterThan(MINUTE.toMillis());
        assertThat(await(store.get(key))).isEqualTo("two");
    }

    @Test
    void getOfAnAbsentKeyIsNull() {
        assertThat(await(store.get(key()))).isNull();
    }

    @Test
    void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        String key = key();
        int threads = 16;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String value = "value-" + i;
                answers.add(executor.submit(() -> {
                    go.await();
                    String held = await(store.putIfAbsent(key, value, MINUTE));
                    return held == null ? "won:" + value : held;
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
            }

            List<String> winners = results.stream().filter(r -> r.startsWith("won:")).toList();
            assertThat(winners).hasSize(1);
            String winner = winners.get(0).substring("won:".length());
            assertThat(results).filteredOn(r -> !r.startsWith("won:")).hasSize(threads - 1).containsOnly(winner);
            assertThat(redis.value(String.class).get("test-app:" + key)).isEqualTo(winner);
        } finally {
            executor.shutdownNow();
        }
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(AWAIT);
    }

    static String key() {
        return "key-" + UUID.randomUUID();
    }

    /** Stands for the core's in-memory default, which the Redis store must win over. */
    @DefaultBean
    @ApplicationScoped
    static class InMemoryDefault implements IdempotencyStore {

        @Override
        public Uni<String> putIfAbsent(String key, String value, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Boolean> replace(String key, String expected, String value, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Boolean> remove(String key, String expected) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<String> get(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> put(String key, String value, Duration ttl) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A function, so that the core checks {@code quarkus.functions."<name>".*}: a key of this extension that also reads
     * as a function's setting ({@code quarkus.functions.redis.timeout} would) fails the start.
     */
    public static class Functions {
        @Funq
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
