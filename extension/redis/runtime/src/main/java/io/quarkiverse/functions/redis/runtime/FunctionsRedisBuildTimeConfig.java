package io.quarkiverse.functions.redis.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether the store is on Redis, and which Redis client it uses. Fixed at build time: quarkus-redis-client creates only the clients that are asked
 * for during the build.
 */
@ConfigMapping(prefix = "quarkus.functions.redis")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface FunctionsRedisBuildTimeConfig {

    /**
     * The named client of quarkus-redis-client the store uses, configured by {@code quarkus.redis."<name>".hosts};
     * by default the default client ({@code quarkus.redis.hosts}).
     */
    Optional<String> clientName();

    /**
     * Whether records are kept in Redis. {@code false} keeps the in-memory store and asks quarkus-redis-client for no
     * client: for example {@code %test.quarkus.functions.redis.enabled=false} in tests without a Redis.
     */
    @WithDefault("true")
    boolean enabled();
}
