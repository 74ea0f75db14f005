package io.quarkiverse.functions.redis.deployment;

import java.util.function.BooleanSupplier;

import io.quarkiverse.functions.redis.runtime.FunctionsRedisBuildTimeConfig;
import io.quarkiverse.functions.redis.runtime.RedisIdempotencyStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;

/**
 * The idempotency store on Redis. Its bean is an ordinary bean of the SPI type, so it wins over the core's in-memory
 * {@code @DefaultBean}; unremovable because the core may only look the store up programmatically. Native: nothing to
 * register, the store only calls quarkus-redis-client, which registers its own classes.
 */
class FunctionsRedisProcessor {

    static final String FEATURE = "functions-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** {@code quarkus.functions.redis.enabled}. */
    static final class Enabled implements BooleanSupplier {

        private final FunctionsRedisBuildTimeConfig config;

        Enabled(FunctionsRedisBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.enabled();
        }
    }

    @BuildStep(onlyIf = Enabled.class)
    AdditionalBeanBuildItem store() {
        return AdditionalBeanBuildItem.unremovableOf(RedisIdempotencyStore.class);
    }

    /**
     * quarkus-redis-client creates only the clients asked for at build time; the store looks its client up by name, an
     * injection point the client's extension cannot see.
     */
    @BuildStep(onlyIf = Enabled.class)
    RequestedRedisClientBuildItem client(FunctionsRedisBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.clientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
    }
}
