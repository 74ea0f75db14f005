package io.quarkiverse.functions.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.redis.runtime.RedisStoreException;
import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * A Redis that stalls, then one that is gone: every store call fails with a one-line message naming the operation and
 * the key, and none hangs. The store uses a named client here, on a server with a password the messages must not show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisStoreDownTest {

    static final String PASSWORD = "s3cret-pw";
    /** Far longer than the store's timeout: a failure that comes from this await means the store hung. */
    static final Duration AWAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(RedisServer.class))
            .setBeforeAllCustomizer(() -> System.setProperty("quarkus.redis.store.hosts",
                    "redis://:" + PASSWORD + "@127.0.0.1:" + RedisServer.start(PASSWORD)))
            .setAfterAllCustomizer(() -> {
                RedisServer.stop();
                System.clearProperty("quarkus.redis.store.hosts");
            })
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.functions.redis.client-name", "store")
            .overrideConfigKey("quarkus.functions.redis.command-timeout", "1s");

    @Inject
    IdempotencyStore store;

    @Test
    @Order(1)
    void aLiveServerAnswers() {
        // The first call also connects, authenticates and loads the client's classes, which on a busy machine can
        // take longer than the timeout: retried until it answers, so that the stall below hits an open connection.
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            Throwable failure = catchThrowable(() -> store.put("alive", "v", Duration.ofMinutes(1)).await().atMost(AWAIT));
            if (failure == null) {
                break;
            }
            assertThat(failure).hasMessageEndingWith("no answer within 1000 ms");
            assertThat(System.nanoTime() - deadline).as("the live server never answered").isNegative();
        }
        assertThat(store.get("alive").await().atMost(AWAIT)).isEqualTo("v");
    }

    @Test
    @Order(2)
    void aStalledServerFailsEveryCallAtTheTimeout() {
        RedisServer.pause();
        try {
            // All at once: each fails after the store's timeout, not after the others
            Map<String, CompletableFuture<?>> pending = new LinkedHashMap<>();
            calls().forEach((operation, call) -> pending.put(operation,
                    call.apply("stalled-" + operation).subscribeAsCompletionStage()));
            pending.forEach((operation, call) -> assertThat(failure(call)).isEqualTo("Redis idempotency store: "
                    + operation + " of key 'quarkus-functions:stalled-" + operation + "' failed: no answer within 1000 ms"));
        } finally {
            RedisServer.resume();
        }
    }

    @Test
    @Order(3)
    void aStoppedServerFailsEveryCall() {
        RedisServer.stop();
        calls().forEach((operation, call) -> {
            String key = "stopped-" + operation;
            String message = failure(call.apply(key).subscribeAsCompletionStage());
            assertThat(message)
                    .startsWith("Redis idempotency store: " + operation + " of key 'quarkus-functions:" + key + "' failed: ")
                    .doesNotContain("\n", "\tat ", PASSWORD);
            assertThat(message.substring(message.indexOf("failed: ") + "failed: ".length())).as("the reason").isNotBlank();
        });
    }

    Map<String, Function<String, Uni<?>>> calls() {
        Duration ttl = Duration.ofMinutes(1);
        Map<String, Function<String, Uni<?>>> calls = new LinkedHashMap<>();
        calls.put("putIfAbsent", key -> store.putIfAbsent(key, "v", ttl));
        calls.put("replace", key -> store.replace(key, "v", "w", ttl));
        calls.put("remove", key -> store.remove(key, "v"));
        calls.put("get", key -> store.get(key));
        calls.put("put", key -> store.put(key, "v", ttl));
        return calls;
    }

    /** The message of the store's failure; any other outcome, a hang included, fails the test. */
    static String failure(CompletableFuture<?> call) {
        Throwable failure = catchThrowable(() -> call.get(AWAIT.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(RedisStoreException.class);
        return failure.getCause().getMessage();
    }
}
