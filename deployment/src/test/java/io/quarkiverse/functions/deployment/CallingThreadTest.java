package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
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
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link FunctionInvoker#invokeHere}: a blocking function runs on the caller's thread, and its deadline is enforced
 * there by an interrupt that never outlives the call.
 */
class CallingThreadTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Visit.class))
            .overrideConfigKey("quarkus.functions.\"block\".timeout", "100ms")
            .overrideConfigKey("quarkus.functions.\"stubborn\".timeout", "100ms");

    @Inject
    FunctionInvoker invoker;

    @Inject
    Visit visit;

    @Test
    void blockingFunctionRunsOnTheCallersThread() {
        Outcome outcome = invoke("where");

        assertThat(new String(outcome.body(), StandardCharsets.UTF_8))
                .isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void deadlineInterruptsTheCallAndIsClearedAfterIt() throws InterruptedException {
        Outcome outcome = invoke("block");

        assertThat(outcome.error().kind()).isEqualTo(FunctionError.Kind.DEADLINE);
        assertThat(outcome.body()).isNull();
        // the function restored the interrupt flag, as it should; the invoker took it back
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(new CountDownLatch(1).await(1, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void callThatIgnoresTheInterruptStillEndsInADeadlineError() {
        Outcome outcome = invoke("stubborn");

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("deadline-exceeded");
        assertThat(outcome.error().detail()).isEqualTo("Function 'stubborn' did not finish within 100 ms.");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void callsBeforeTheirDeadlineLeaveNoInterruptBehind() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            assertThat(invoke("where").isSuccess()).isTrue();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void callersRequestContextIsBackAfterTheCall() {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            visit.setWho("caller");
            Outcome outcome = invoke("visitor");

            assertThat(new String(outcome.body(), StandardCharsets.UTF_8)).as("the function had a context of its own")
                    .isEqualTo("nobody");
            assertThat(requestContext.isActive()).isTrue();
            assertThat(visit.getWho()).isEqualTo("caller");
        } finally {
            requestContext.terminate();
        }
    }

    private Outcome invoke(String function) {
        return invoker.invokeHere(Invocation.builder(Platform.AMAZON_LAMBDA, function, "req-" + function)
                .input(FunctionInput.json("{}".getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    @RequestScoped
    public static class Visit {
        private String who = "nobody";

        public String getWho() {
            return who;
        }

        public void setWho(String who) {
            this.who = who;
        }
    }

    @ApplicationScoped
    public static class Functions {

        @Inject
        Visit visit;

        @Funq
        public String where(Map<String, String> input) {
            return Thread.currentThread().getName();
        }

        @Funq
        public String visitor(Map<String, String> input) {
            return visit.getWho();
        }

        @Funq
        public String block(Map<String, String> input) {
            try {
                new CountDownLatch(1).await();
                return "released";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }

        @Funq
        public String stubborn(Map<String, String> input, @Context FunctionContext context) {
            // ignores interrupts, as CPU-bound code does, and returns after its deadline
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(context.remainingMillis() + 100);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return "done";
        }
    }
}
