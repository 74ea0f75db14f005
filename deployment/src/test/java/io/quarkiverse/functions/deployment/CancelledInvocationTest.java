package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * A caller that stops waiting (the HTTP binding cancels when its client goes away) still ends the invocation's
 * observation, so that no span stays open and the metrics count it: as a transient {@code invocation-cancelled}.
 */
class CancelledInvocationTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Recorder.class));

    @Inject
    FunctionInvoker invoker;

    @Inject
    Recorder recorder;

    @Test
    void cancellingTheOutcomeEndsTheObservationOnce() {
        Cancellable waiting = invoker.invoke(Invocation.builder(Platform.HTTP, "never", "req-cancelled").build())
                .subscribe().with(outcome -> recorder.delivered.add(outcome));

        assertThat(recorder.ended()).isEmpty();
        waiting.cancel();

        assertThat(recorder.ended()).hasSize(1);
        Outcome ended = recorder.ended().get(0);
        assertThat(ended.requestId()).isEqualTo("req-cancelled");
        assertThat(ended.isSuccess()).isFalse();
        assertThat(ended.error().kind().name()).isEqualTo("TRANSIENT");
        assertThat(ended.error().code()).isEqualTo("invocation-cancelled");
        assertThat(recorder.delivered).as("nobody is waiting for it").isEmpty();
    }

    @Test
    void aCompletedInvocationEndsOnceAndCancelsNothing() {
        Outcome outcome = invoker.invoke(Invocation.builder(Platform.HTTP, "now", "req-now").build()).await()
                .indefinitely();

        assertThat(outcome.isSuccess()).isTrue();
        assertThat(recorder.ended()).extracting(Outcome::requestId).containsOnlyOnce("req-now");
    }

    public static class Functions {
        @Funq
        public Uni<String> never() {
            return Uni.createFrom().nothing();
        }

        @Funq
        public Uni<String> now() {
            return Uni.createFrom().item("done");
        }
    }

    @Singleton
    public static class Recorder implements InvocationObserver {
        final List<Outcome> ended = new CopyOnWriteArrayList<>();
        final List<Outcome> delivered = new CopyOnWriteArrayList<>();

        List<Outcome> ended() {
            return ended;
        }

        @Override
        public Observation start(Invocation invocation, boolean coldStart) {
            return new Observation() {
                @Override
                public String traceId() {
                    return null;
                }

                @Override
                public Scope activate() {
                    return () -> {
                    };
                }

                @Override
                public void end(Outcome outcome) {
                    ended.add(outcome);
                }
            };
        }
    }
}
