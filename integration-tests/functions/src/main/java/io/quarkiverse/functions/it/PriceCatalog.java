package io.quarkiverse.functions.it;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkiverse.functions.Warmup;
import io.quarkus.runtime.Startup;

// tag::startup[]
/**
 * Expensive to build, so built once, at start-up, and warmed before the function reports ready.
 */
@Startup
@ApplicationScoped
public class PriceCatalog implements Warmup {

    /** Counts constructions in this process, to show that the catalog is built exactly once. */
    static final AtomicInteger CONSTRUCTIONS = new AtomicInteger();

    private volatile Map<String, Long> prices;
    private volatile boolean warmedUp;

    @PostConstruct
    void build() {
        CONSTRUCTIONS.incrementAndGet();
        prices = Map.of("apple", 120L, "pear", 95L);
    }

    @Override
    public void warmUp() {
        // e.g. prime caches, open pools: runs once, before readiness turns UP
        warmedUp = prices.containsKey("apple");
    }

    public long price(String sku) {
        return prices.getOrDefault(sku, 0L);
    }

    public boolean warmedUp() {
        return warmedUp;
    }
}
// end::startup[]
