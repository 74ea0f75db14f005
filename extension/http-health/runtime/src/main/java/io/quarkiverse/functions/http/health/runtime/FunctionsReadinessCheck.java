package io.quarkiverse.functions.http.health.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.functions.runtime.internal.FunctionCatalog;
import io.quarkiverse.functions.runtime.internal.FunctionsLifecycle;
import io.quarkus.runtime.Application;

/**
 * {@code UP} once the function catalog is loaded, every warm-up has finished and Quarkus has finished starting;
 * {@code DOWN} again from the start of a shutdown ({@code SIGTERM}).
 * <p>
 * The HTTP server opens its socket before the last start-up steps have run, and one of those prepares the document
 * served at {@code /q/openapi} (quarkus-smallrye-openapi's {@code prepareDocuments}, which nothing orders before the
 * socket): checking the catalog alone reported {@code UP} while {@code /q/openapi} still answered an empty body.
 * {@link Application#isStarted()} is true only once every start-up step has run, and false again once stopping begins.
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
                .status(lifecycle.isReady() && started())
                .withData("functions", catalog.names().size())
                .build();
    }

    private static boolean started() {
        Application application = Application.currentApplication();
        return application != null && application.isStarted();
    }
}
