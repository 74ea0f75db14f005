package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.Idempotent;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * A store that cannot be reached makes an idempotent invocation a transient failure: retried by the platform, never
 * run unprotected.
 */
class IdempotencyStoreDownTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, DownStore.class));

    @Inject
    FunctionInvoker invoker;

    @Inject
    Functions functions;

    @Test
    void theFunctionDoesNotRunAndTheFailureIsRetryable() {
        Outcome outcome = invoker.invoke(Invocation.builder(Platform.HTTP, "pay", "r-1")
                .input(FunctionInput.json("{}".getBytes(StandardCharsets.UTF_8)))
                .deliveryId("key-1")
                .trigger(Trigger.PUBSUB)
                .build()).await().atMost(Duration.ofSeconds(10));

        assertThat(outcome.error().kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(outcome.error().status()).isEqualTo(503);
        assertThat(outcome.error().code()).isEqualTo("idempotency-store-unavailable");
        assertThat(outcome.error().detail()).doesNotContain("refused").doesNotContain("Exception");
        assertThat(functions.runs()).isZero();
    }

    @ApplicationScoped
    public static class Functions {

        private final AtomicInteger runs = new AtomicInteger();

        int runs() {
            return runs.get();
        }

        @Idempotent
        @Funq
        public String pay() {
            runs.incrementAndGet();
            return "paid";
        }
    }

    @Alternative
    @Priority(1)
    @Singleton
    public static class DownStore implements IdempotencyStore {

        private static <T> Uni<T> down() {
            return Uni.createFrom().failure(new IllegalStateException("Connection refused: 127.0.0.1:6379"));
        }

        @Override
        public Uni<String> putIfAbsent(String key, String value, Duration ttl) {
            return down();
        }

        @Override
        public Uni<Boolean> replace(String key, String expected, String value, Duration ttl) {
            return down();
        }

        @Override
        public Uni<Boolean> remove(String key, String expected) {
            return down();
        }

        @Override
        public Uni<String> get(String key) {
            return down();
        }

        @Override
        public Uni<Void> put(String key, String value, Duration ttl) {
            return down();
        }
    }
}
