package io.quarkiverse.functions.amazonlambda.deployment;

import io.quarkiverse.functions.amazonlambda.runtime.dev.LambdaEventConsole;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsProduction;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The binding's event console, through which dev mode, the Dev UI and the test API deliver Lambda events in process.
 * Dev and test mode only: a packaged function has no console.
 */
class LambdaEventConsoleProcessor {

    @BuildStep(onlyIfNot = IsProduction.class)
    AdditionalBeanBuildItem eventConsole() {
        return AdditionalBeanBuildItem.unremovableOf(LambdaEventConsole.class);
    }
}
