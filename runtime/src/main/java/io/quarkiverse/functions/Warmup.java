package io.quarkiverse.functions;

/**
 * Expensive set-up run once per process, during start-up and before the function is reported ready: open pools,
 * load reference data, prime caches. Never inside the handler.
 * <p>
 * Implement it on any CDI bean. Every implementation runs once, after the {@code @Startup} beans and before readiness
 * turns {@code UP} (HTTP) or the first event is fetched (Lambda, GCF). A warm-up that throws stops start-up with a
 * message naming the bean.
 */
public interface Warmup {

    /**
     * Runs the set-up.
     *
     * @throws Exception to stop start-up
     */
    void warmUp() throws Exception;
}
