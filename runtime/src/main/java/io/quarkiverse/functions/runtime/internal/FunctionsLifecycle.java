package io.quarkiverse.functions.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.Warmup;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.StartupEvent;

/**
 * Start-up of the functions: checks the configuration against the catalog, runs every {@link Warmup} once, then
 * reports ready. Runs after the {@code @Startup} beans.
 */
@Singleton
public class FunctionsLifecycle {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");

    private volatile boolean ready;

    void onStart(@Observes @Priority(Integer.MAX_VALUE - 100) StartupEvent event, FunctionInvoker invoker,
            @Any Instance<Warmup> warmups, StartupReport report) {
        report.startupEvent();
        // Creating the invoker validates the per-function configuration before the first request.
        invoker.maxInputSize();
        List<Warmup> ordered = new ArrayList<>();
        for (Warmup warmup : warmups) {
            ordered.add(warmup);
        }
        ordered.sort(Comparator.comparing(FunctionsLifecycle::beanName));
        for (Warmup warmup : ordered) {
            String bean = beanName(warmup);
            long start = System.nanoTime();
            try {
                warmup.warmUp();
            } catch (Exception | LinkageError e) {
                throw new IllegalStateException("Warm-up failed in bean " + bean + ": " + e.getMessage()
                        + ". Start-up is stopped; fix the warm-up or what it depends on.", e);
            }
            long took = System.nanoTime() - start;
            report.warmup(bean, took);
            LOG.debugf("Warm-up %s took %d ms", bean, took / 1_000_000);
        }
        ready = invoker.catalog().isLoaded();
        report.ready();
    }

    /**
     * @return whether the catalog is loaded and every warm-up has finished
     */
    public boolean isReady() {
        return ready;
    }

    private static String beanName(Warmup warmup) {
        Object target = warmup instanceof ClientProxy proxy ? proxy.arc_contextualInstance() : warmup;
        return target.getClass().getName().replace("_Subclass", "");
    }
}
