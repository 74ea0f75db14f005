package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.ClientException;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.Idempotent;
import io.quarkiverse.functions.TransientException;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Idempotent functions in the core invoker, with the embedded store: what every binding inherits.
 */
class IdempotencyTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.idempotency.expiry", "2h")
            .overrideConfigKey("quarkus.functions.\"configured\".idempotency.enabled", "true")
            .overrideConfigKey("quarkus.functions.\"configured\".idempotency.key", "/id")
            .overrideConfigKey("quarkus.functions.\"required\".idempotency.enabled", "true")
            .overrideConfigKey("quarkus.functions.\"required\".idempotency.key-required", "true");

    @Inject
    FunctionInvoker invoker;

    @Inject
    Functions functions;

    @BeforeEach
    void clear() {
        functions.calls().clear();
    }

    @Test
    void aRepeatWithTheSameKeyAndInputIsAnsweredWithTheRecordedOutcome() {
        Outcome first = invoke("charge", "{\"order\":\"o-1\"}", "key-1", Trigger.HTTP);
        Outcome second = invoke("charge", "{\"order\":\"o-1\"}", "key-1", Trigger.HTTP);

        assertThat(functions.calls()).containsExactly("charge:o-1");
        assertThat(first.isReplayed()).isFalse();
        assertThat(second.isReplayed()).isTrue();
        assertThat(text(second)).isEqualTo(text(first)).isEqualTo("{\"order\":\"o-1\",\"charge\":1}");
        assertThat(second.requestId()).as("the repeat's own request id").isEqualTo("r-key-1");
    }

    @Test
    void anotherKeyRunsAgainAndNoKeyRunsUnprotected() {
        invoke("charge", "{\"order\":\"o-2\"}", "key-2a", Trigger.HTTP);
        invoke("charge", "{\"order\":\"o-2\"}", "key-2b", Trigger.HTTP);
        invoke("charge", "{\"order\":\"o-2\"}", null, Trigger.HTTP);
        invoke("charge", "{\"order\":\"o-2\"}", null, Trigger.HTTP);

        assertThat(functions.calls()).hasSize(4);
    }

    @Test
    void theSameKeyWithAnotherInputIsRejected() {
        invoke("charge", "{\"order\":\"o-3\"}", "key-3", Trigger.HTTP);
        Outcome reused = invoke("charge", "{\"order\":\"o-4\"}", "key-3", Trigger.HTTP);

        assertThat(reused.error().status()).isEqualTo(422);
        assertThat(reused.error().code()).isEqualTo("idempotency-key-reused");
        assertThat(functions.calls()).containsExactly("charge:o-3");
    }

    @Test
    void clientErrorsAreRecordedButTransientErrorsAreRetried() {
        Outcome rejected = invoke("charge", "{\"order\":\"reject\"}", "key-5", Trigger.HTTP);
        Outcome rejectedAgain = invoke("charge", "{\"order\":\"reject\"}", "key-5", Trigger.HTTP);
        assertThat(rejected.error().code()).isEqualTo("out-of-stock");
        assertThat(rejectedAgain.error().code()).isEqualTo("out-of-stock");
        assertThat(rejectedAgain.error().status()).isEqualTo(409);
        assertThat(rejectedAgain.isReplayed()).isTrue();

        Outcome flaky = invoke("charge", "{\"order\":\"flaky\"}", "key-6", Trigger.PUBSUB);
        Outcome retried = invoke("charge", "{\"order\":\"flaky\"}", "key-6", Trigger.PUBSUB);
        assertThat(flaky.error().kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(retried.error().kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(retried.isReplayed()).isFalse();

        assertThat(functions.calls()).containsExactly("charge:reject", "charge:flaky", "charge:flaky");
    }

    @Test
    void aRepeatWhileTheFirstRunsIsAConflictOverHttpAndARetryForRecords() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        functions.gate(entered, release);
        Uni<Outcome> first = invoker.invoke(invocation("hold", "{\"order\":\"h\"}", "key-7", Trigger.HTTP))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).memoize().indefinitely();
        first.subscribe().with(outcome -> {
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        Outcome overHttp = invoke("hold", "{\"order\":\"h\"}", "key-7", Trigger.HTTP);
        Outcome asRecord = invoke("hold", "{\"order\":\"h\"}", "key-7", Trigger.PUBSUB);
        release.countDown();
        Outcome done = first.await().atMost(Duration.ofSeconds(10));
        Outcome after = invoke("hold", "{\"order\":\"h\"}", "key-7", Trigger.HTTP);

        assertThat(overHttp.error().status()).isEqualTo(409);
        assertThat(overHttp.error().code()).isEqualTo("idempotency-in-progress");
        assertThat(overHttp.error().retryAfter()).isPositive();
        assertThat(asRecord.error().kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(asRecord.error().code()).isEqualTo("idempotency-in-progress");
        assertThat(done.isSuccess()).isTrue();
        assertThat(after.isReplayed()).isTrue();
        assertThat(functions.calls()).containsExactly("hold:h");
    }

    @Test
    void theKeyCanComeFromTheInput() {
        invoke("configured", "{\"id\":\"A-1\",\"note\":\"x\"}", "delivery-1", Trigger.PUBSUB);
        Outcome sameId = invoke("configured", "{\"id\":\"A-1\",\"note\":\"x\"}", "delivery-2", Trigger.PUBSUB);
        Outcome otherInput = invoke("configured", "{\"id\":\"A-1\",\"note\":\"y\"}", "delivery-3", Trigger.PUBSUB);
        invoke("configured", "{\"note\":\"no id\"}", null, Trigger.PUBSUB);

        assertThat(sameId.isReplayed()).isTrue();
        assertThat(otherInput.error().code()).isEqualTo("idempotency-key-reused");
        assertThat(functions.calls()).containsExactly("configured:A-1", "configured:null");
    }

    @Test
    void aRequiredKeyThatIsMissingIsAClientError() {
        Outcome missing = invoke("required", "{\"order\":\"r\"}", null, Trigger.HTTP);

        assertThat(missing.error().status()).isEqualTo(400);
        assertThat(missing.error().code()).isEqualTo("idempotency-key-missing");
        assertThat(missing.error().detail()).contains("Idempotency-Key");
        assertThat(functions.calls()).isEmpty();
    }

    @Test
    void invokeHereGuardsBlockingFunctionsToo() {
        Outcome first = invoker.invokeHere(invocation("charge", "{\"order\":\"o-9\"}", "key-9", Trigger.PUBSUB));
        Outcome second = invoker.invokeHere(invocation("charge", "{\"order\":\"o-9\"}", "key-9", Trigger.PUBSUB));

        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isReplayed()).isTrue();
        assertThat(functions.calls()).containsExactly("charge:o-9");
    }

    private Outcome invoke(String function, String json, String key, Trigger trigger) {
        return invoker.invoke(invocation(function, json, key, trigger)).await().atMost(Duration.ofSeconds(10));
    }

    private static Invocation invocation(String function, String json, String key, Trigger trigger) {
        return Invocation.builder(Platform.HTTP, function, "r-" + key)
                .input(FunctionInput.json(json.getBytes(StandardCharsets.UTF_8)))
                .deliveryId(key)
                .trigger(trigger)
                .build();
    }

    private static String text(Outcome outcome) {
        return new String(outcome.body(), StandardCharsets.UTF_8);
    }

    @ApplicationScoped
    public static class Functions {

        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        List<String> calls() {
            return calls;
        }

        void gate(CountDownLatch entered, CountDownLatch release) {
            this.entered = entered;
            this.release = release;
        }

        public record Order(String order) {
        }

        public record Charged(String order, int charge) {
        }

        public record Note(String id, String note) {
        }

        @Idempotent
        @Funq
        public Charged charge(Order order) {
            calls.add("charge:" + order.order());
            if ("reject".equals(order.order())) {
                throw new ClientException(409, "out-of-stock", "The item is out of stock.");
            }
            if ("flaky".equals(order.order())) {
                throw new TransientException("The payment provider is busy.");
            }
            return new Charged(order.order(), calls.size());
        }

        @Idempotent
        @Funq
        public Charged hold(Order order) throws InterruptedException {
            calls.add("hold:" + order.order());
            entered.countDown();
            release.await();
            return new Charged(order.order(), calls.size());
        }

        @Funq
        public String configured(Note note) {
            calls.add("configured:" + note.id());
            return note.note();
        }

        @Funq
        public String required(Order order) {
            calls.add("required:" + order.order());
            return order.order();
        }
    }
}
