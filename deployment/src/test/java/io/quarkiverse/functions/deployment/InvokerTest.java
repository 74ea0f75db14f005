package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * The core invoker, without any binding: what every platform inherits.
 */
class InvokerTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.\"block\".timeout", "200ms")
            .overrideConfigKey("quarkus.functions.\"pending\".timeout", "200ms");

    @Inject
    FunctionInvoker invoker;

    @Inject
    Functions functions;

    @Test
    void blockingCallPastItsDeadlineIsReportedAndInterrupted() throws InterruptedException {
        Outcome outcome = invoke("block", "{}");

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.error().kind()).isEqualTo(FunctionError.Kind.DEADLINE);
        assertThat(outcome.error().status()).isEqualTo(504);
        assertThat(outcome.error().code()).isEqualTo("deadline-exceeded");
        assertThat(functions.interrupted().await(10, TimeUnit.SECONDS))
                .as("the blocked call was interrupted at the deadline").isTrue();
    }

    @Test
    void pendingUniPastItsDeadlineIsCancelled() throws InterruptedException {
        Outcome outcome = invoke("pending", "{}");

        assertThat(outcome.error().kind()).isEqualTo(FunctionError.Kind.DEADLINE);
        assertThat(functions.cancelled().await(10, TimeUnit.SECONDS)).as("the pending Uni was cancelled").isTrue();
    }

    @Test
    void platformDeadlineWinsWhenEarlierThanTheTimeout() {
        Outcome outcome = invoker.invoke(Invocation.builder(Platform.AMAZON_LAMBDA, "remaining", "r-1")
                .platformDeadline(java.time.Instant.now().plusSeconds(5))
                .build()).await().atMost(Duration.ofSeconds(10));

        long remaining = Long.parseLong(new String(outcome.body(), StandardCharsets.UTF_8));
        // 5 s platform deadline less the 500 ms safety margin, well under the 60 s default timeout
        assertThat(remaining).isBetween(1L, 4500L);
    }

    @Test
    void primitiveInputAndOutputAreConverted() {
        Outcome outcome = invoke("twice", "21");
        assertThat(new String(outcome.body(), StandardCharsets.UTF_8)).isEqualTo("42");
    }

    @Test
    void wrongJsonTypeIsAClientErrorWithoutClassNames() {
        Outcome outcome = invoke("twice", "\"many\"");
        assertThat(outcome.error().kind()).isEqualTo(FunctionError.Kind.CLIENT);
        assertThat(outcome.error().code()).isEqualTo("invalid-input");
        assertThat(outcome.error().detail()).doesNotContain("java.").doesNotContain("Integer").doesNotContain("int");
    }

    @Test
    void unknownFunctionIsAClientError() {
        Outcome outcome = invoke("nope", "{}");
        assertThat(outcome.error().status()).isEqualTo(404);
        assertThat(outcome.error().kind().retryable()).isFalse();
    }

    private Outcome invoke(String function, String json) {
        return invoker.invoke(Invocation.builder(Platform.HTTP, function, "req-" + function)
                .input(FunctionInput.json(json.getBytes(StandardCharsets.UTF_8)))
                .build()).await().atMost(Duration.ofSeconds(10));
    }

    @ApplicationScoped
    public static class Functions {

        private final CountDownLatch interrupted = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);

        private final CountDownLatch cancelled = new CountDownLatch(1);

        // methods, not fields: the injected reference is a client proxy
        CountDownLatch interrupted() {
            return interrupted;
        }

        CountDownLatch cancelled() {
            return cancelled;
        }

        @Funq
        public Uni<String> pending(java.util.Map<String, String> input) {
            return Uni.createFrom().<String> nothing().onCancellation().invoke(cancelled::countDown);
        }

        @Funq
        public String block(java.util.Map<String, String> input) {
            try {
                never.await();
                return "released";
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Funq
        public long remaining(@Context FunctionContext context) {
            return context.remainingMillis();
        }

        @Funq
        public int twice(int value) {
            return value * 2;
        }
    }
}
