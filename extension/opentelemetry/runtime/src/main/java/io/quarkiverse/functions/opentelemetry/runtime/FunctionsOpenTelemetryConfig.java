package io.quarkiverse.functions.opentelemetry.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Telemetry of the functions, active when the application has {@code quarkus-opentelemetry}.
 */
@ConfigMapping(prefix = "quarkus.functions.opentelemetry")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FunctionsOpenTelemetryConfig {

    /**
     * Whether each invocation gets a span and is counted in the metrics. With {@code false} the functions add
     * nothing to what {@code quarkus-opentelemetry} does on its own.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long a Lambda invocation waits, before its reply is posted, for its spans and metrics to be exported: Lambda
     * may freeze the process right after the reply.
     */
    @WithDefault("2s")
    Duration flushTimeout();

    /**
     * On Lambda, how often the metrics are exported with the spans before a reply (the first reply always exports
     * them). Metrics are cumulative, so a later export carries what an earlier one skipped; {@code 0} exports them
     * before every reply.
     */
    @WithDefault("10s")
    Duration metricsFlushInterval();

    /**
     * The region of {@code cloud.region}, where the platform's environment does not tell it (Cloud Run, Google Cloud
     * Functions of the second generation). On Lambda {@code AWS_REGION} gives it.
     */
    Optional<String> cloudRegion();
}
