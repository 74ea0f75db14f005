package io.quarkiverse.functions.http.health.deployment;

import io.quarkiverse.functions.http.health.runtime.FunctionsReadinessCheck;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * The functions' readiness check at {@code /q/health/ready}. Active only when the application has
 * quarkus-smallrye-health (a conditional dependency of quarkus-functions-http).
 */
class FunctionsHttpHealthProcessor {

    static final String FEATURE = "functions-http-health";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem readinessCheck() {
        return AdditionalBeanBuildItem.unremovableOf(FunctionsReadinessCheck.class);
    }
}
