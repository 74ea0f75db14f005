package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The core has plain Mutiny, not quarkus-mutiny (which brings context propagation): its own set-up puts Mutiny's
 * timers on Quarkus's worker pool, gives blocking calls the request context and log fields (also the callbacks of a
 * {@code Uni} that run later on a worker), and routes what Mutiny drops to the log.
 */
class PlainMutinyTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.functions"))
            .assertLogRecords(records -> assertThat(records).extracting(LogRecord::getMessage)
                    .contains("Mutiny had to drop the following exception"));

    @Inject
    FunctionInvoker invoker;

    @Test
    void neitherQuarkusMutinyNorContextPropagationIsOnTheClassPath() {
        assertThat(getClass().getClassLoader().getResource("io/quarkus/mutiny/runtime/MutinyInfrastructure.class"))
                .isNull();
        assertThat(getClass().getClassLoader().getResource(
                "io/quarkus/smallrye/context/runtime/SmallRyeContextPropagationRecorder.class")).isNull();
    }

    @Test
    void blockingCallRunsOnTheCallersThreadWithRequestContextAndLogFields() {
        // this thread may block (it is no event loop): the call runs here, as a Lambda handler's does
        String seen = body(invoke("where"));

        assertThat(seen).isEqualTo(Thread.currentThread().getName() + "|req-where|true");
    }

    @Test
    void mutinyTimersRunOnQuarkusWorkers() {
        assertThat(body(invoke("later"))).startsWith("executor-thread-");
    }

    @Test
    void laterCallbacksOnAnotherThreadHaveTheRequestContextAndLogFields() {
        String seen = body(invoke("afterDelay"));

        assertThat(seen).startsWith("executor-thread-").endsWith("|req-afterDelay|req-afterDelay");
    }

    @Test
    void droppedExceptionsGoToTheLog() {
        Infrastructure.handleDroppedException(new IllegalStateException("dropped on purpose"));
    }

    private Outcome invoke(String function) {
        return invoker.invoke(Invocation.builder(Platform.AMAZON_LAMBDA, function, "req-" + function).build())
                .await().atMost(Duration.ofSeconds(10));
    }

    private static String body(Outcome outcome) {
        assertThat(outcome.isSuccess()).as("outcome of %s", outcome.functionName()).isTrue();
        return new String(outcome.body(), StandardCharsets.UTF_8);
    }

    public static class Functions {

        @Inject
        FunctionContext context; // request scoped: resolvable only with the request context active

        @Funq
        public String where() {
            return Thread.currentThread().getName() + "|" + context.requestId() + "|" + (MDC.get("request_id") != null);
        }

        @Funq
        public Uni<String> later() {
            return Uni.createFrom().item("").onItem().delayIt().by(Duration.ofMillis(10))
                    .onItem().transform(ignored -> Thread.currentThread().getName());
        }

        @Funq
        public Uni<String> afterDelay() {
            return Uni.createFrom().item("").onItem().delayIt().by(Duration.ofMillis(10))
                    .onItem().transform(ignored -> Thread.currentThread().getName() + "|" + context.requestId() + "|"
                            + MDC.get("request_id"));
        }
    }
}
