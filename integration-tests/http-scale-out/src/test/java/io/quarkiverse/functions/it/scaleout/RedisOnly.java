package io.quarkiverse.functions.it.scaleout;

import java.util.Map;

import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real {@code redis-server} alone, for tests that stop it; no Kafka broker (their application starts no workers, so
 * the Kafka queue never connects).
 */
public class RedisOnly implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + RedisServer.start(null));
    }

    @Override
    public void stop() {
        RedisServer.stop();
    }
}
