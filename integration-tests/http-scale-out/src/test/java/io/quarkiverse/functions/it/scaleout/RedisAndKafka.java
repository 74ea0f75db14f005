package io.quarkiverse.functions.it.scaleout;

import java.util.Map;

import io.quarkiverse.functions.kafka.testbroker.KafkaBroker;
import io.quarkiverse.functions.redis.testserver.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The backends of the scaled-out app for a {@code @QuarkusTest}: a real {@code redis-server} and a real Kafka broker
 * (KRaft, one node), both child processes on free ports of 127.0.0.1, started before the application and stopped
 * after it. Test classes with the same resources and profile share one start.
 */
public class RedisAndKafka implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        int redis = RedisServer.start(null);
        broker = KafkaBroker.start();
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis,
                "quarkus.functions.kafka.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            RedisServer.stop();
        }
    }
}
