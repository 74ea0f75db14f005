package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;

/**
 * The HTTP problem reply's {@code Retry-After}: on every 503, and on a client error that says when to retry (the
 * {@code 409} of an idempotency key still in progress), never on other client errors.
 */
class HttpProblemTest {

    @Test
    void aConflictThatSaysWhenToRetryCarriesRetryAfter() {
        FunctionError inProgress = new FunctionError(Kind.CLIENT, 409, Errors.IDEMPOTENCY_IN_PROGRESS, Errors.title(409),
                "A request with this idempotency key is still running.", Duration.ofSeconds(7), List.of());

        HttpReply reply = HttpDispatcher.problem("r-1", inProgress);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.headers()).containsEntry("Retry-After", "7").containsEntry("Content-Type", Problems.CONTENT_TYPE);
    }

    @Test
    void a503WithoutATimeStillSaysOneSecond() {
        FunctionError unavailable = new FunctionError(Kind.TRANSIENT, 503, "transient-error", Errors.title(503), "later",
                null, List.of());

        assertThat(HttpDispatcher.problem("r-2", unavailable).headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void anOrdinaryClientErrorHasNoRetryAfter() {
        FunctionError rejected = FunctionError.client(422, "order-rejected", Errors.title(422), "no");

        assertThat(HttpDispatcher.problem("r-3", rejected).headers()).doesNotContainKey("Retry-After");
    }
}
