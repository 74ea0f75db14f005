package io.quarkiverse.functions.opentelemetry.deployment;

import io.quarkiverse.functions.opentelemetry.runtime.FunctionsTelemetry;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * A span and metrics per invocation. Active only when the application has quarkus-opentelemetry (a conditional
 * dependency of quarkus-functions); the core invoker finds the observer among its {@code InvocationObserver} beans.
 * Native: nothing to register, the observer calls OpenTelemetry's API directly and quarkus-opentelemetry registers
 * the SDK.
 */
class FunctionsOpenTelemetryProcessor {

    static final String FEATURE = "functions-opentelemetry";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem telemetry() {
        return AdditionalBeanBuildItem.unremovableOf(FunctionsTelemetry.class);
    }
}
