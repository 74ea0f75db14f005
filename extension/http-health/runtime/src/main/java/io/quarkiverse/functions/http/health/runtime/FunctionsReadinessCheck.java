package io.quarkiverse.functions.http.health.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.functions.runtime.internal.FunctionCatalog;
import io.quarkiverse.functions.runtime.internal.FunctionsLifecycle;

/**
 * {@code UP} once the function catalog is loaded and every warm-up has finished.
 */
@Readiness
@ApplicationScoped
public class FunctionsReadinessCheck implements HealthCheck {

    private final FunctionsLifecycle lifecycle;
    private final FunctionCatalog catalog;

    FunctionsReadinessCheck(FunctionsLifecycle lifecycle, FunctionCatalog catalog) {
        this.lifecycle = lifecycle;
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("functions")
                .status(lifecycle.isReady())
                .withData("functions", catalog.names().size())
                .build();
    }
}
