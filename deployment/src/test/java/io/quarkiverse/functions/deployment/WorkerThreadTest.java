package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.functions.blocking-thread=worker}: a blocking call runs on a worker thread, and the deadline answer
 * comes at the deadline even from code that ignores the interrupt.
 */
class WorkerThreadTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.blocking-thread", "worker")
            .overrideConfigKey("quarkus.functions.\"stubborn\".timeout", "100ms");

    @Inject
    FunctionInvoker invoker;

    @Inject
    Functions functions;

    @Test
    void blockingFunctionRunsOnAWorkerThread() {
        String thread = new String(invoke("where").body(), StandardCharsets.UTF_8);

        assertThat(thread).startsWith("executor-thread-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void deadlineIsAnsweredWhileCodeThatIgnoresTheInterruptStillRuns() throws InterruptedException {
        Outcome outcome = invoke("stubborn");

        assertThat(outcome.error().code()).isEqualTo("deadline-exceeded");
        assertThat(functions.finished().getCount()).as("the call has not returned yet").isEqualTo(1);
        functions.release().countDown();
        assertThat(functions.finished().await(10, TimeUnit.SECONDS)).isTrue();
    }

    private Outcome invoke(String function) {
        return invoker.invokeHere(Invocation.builder(Platform.AMAZON_LAMBDA, function, "req-" + function)
                .input(FunctionInput.json("{}".getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    @ApplicationScoped
    public static class Functions {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);

        // methods, not fields: the injected reference is a client proxy
        CountDownLatch release() {
            return release;
        }

        CountDownLatch finished() {
            return finished;
        }

        @Funq
        public String where(Map<String, String> input) {
            return Thread.currentThread().getName();
        }

        @Funq
        public String stubborn(Map<String, String> input) {
            // waits for the test, ignoring interrupts as a blocking socket read would
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            finished.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }
    }
}
