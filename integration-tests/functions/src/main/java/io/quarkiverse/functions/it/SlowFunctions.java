package io.quarkiverse.functions.it;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.funqy.Funq;
import io.smallrye.mutiny.Uni;

// tag::slow[]
public class SlowFunctions {

    private static final Logger LOG = Logger.getLogger(SlowFunctions.class);

    public record SlowInput(long millis) {
    }

    public record SlowResult(long sleptMillis) {
    }

    /**
     * Completes after the given time. Its timeout is configured to 1 s
     * ({@code quarkus.functions."slow".timeout=1s}), so 3000 ms is cancelled at the deadline.
     */
    @Funq
    public Uni<SlowResult> slow(SlowInput input) {
        return Uni.createFrom().item(new SlowResult(input.millis()))
                .onItem().delayIt().by(Duration.ofMillis(input.millis()))
                // runs later, on another thread
                .invoke(result -> LOG.infof("Slept %d ms", result.sleptMillis()));
    }
}
// end::slow[]
