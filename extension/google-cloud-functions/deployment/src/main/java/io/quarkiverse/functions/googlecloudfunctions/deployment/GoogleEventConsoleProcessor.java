package io.quarkiverse.functions.googlecloudfunctions.deployment;

import io.quarkiverse.functions.googlecloudfunctions.runtime.dev.GoogleEventConsole;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsProduction;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * The binding's event console, through which dev mode, the Dev UI and the test API deliver Google Cloud Functions
 * requests and events in process. Dev and test mode only: a deployed function has no console.
 */
class GoogleEventConsoleProcessor {

    @BuildStep(onlyIfNot = IsProduction.class)
    AdditionalBeanBuildItem eventConsole() {
        return AdditionalBeanBuildItem.unremovableOf(GoogleEventConsole.class);
    }
}
