package io.quarkiverse.functions.redis.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis store of idempotency records and job states. The connection itself is quarkus-redis-client's
 * ({@code quarkus.redis.hosts} and friends).
 */
@ConfigMapping(prefix = "quarkus.functions.redis")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FunctionsRedisRuntimeConfig {

    /**
     * Prefix of every key the store writes, so that the functions' keys stay apart from the application's own in a
     * shared Redis. Applications that must not see each other's records use different prefixes.
     */
    @WithDefault("quarkus-functions:")
    String keyPrefix();

    /**
     * How long one store call may take. A call still unanswered then fails, and the invocation gets a transient
     * error (retried) instead of waiting on a Redis that does not answer.
     */
    @WithDefault("2s")
    Duration commandTimeout();
}
