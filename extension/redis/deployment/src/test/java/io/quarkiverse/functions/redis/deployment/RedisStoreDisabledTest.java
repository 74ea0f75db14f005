package io.quarkiverse.functions.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkiverse.functions.runtime.internal.InMemoryIdempotencyStore;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.functions.redis.enabled=false} keeps the in-memory store, and the application starts with no Redis
 * configured and none reachable.
 */
class RedisStoreDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.functions.redis.enabled", "false");

    @Inject
    IdempotencyStore store;

    @Test
    void theInMemoryStoreServes() {
        assertThat(ClientProxy.unwrap(store)).isInstanceOf(InMemoryIdempotencyStore.class);
        assertThat(store.putIfAbsent("k", "v", Duration.ofMinutes(1)).await().indefinitely()).isNull();
    }
}
