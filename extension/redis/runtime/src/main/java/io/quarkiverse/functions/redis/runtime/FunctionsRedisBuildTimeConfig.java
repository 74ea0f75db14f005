package io.quarkiverse.functions.redis.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * Which Redis client the store uses. Fixed at build time: quarkus-redis-client creates only the clients that are asked
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
}
