package io.quarkiverse.functions.http.deployment;

import io.quarkiverse.functions.http.runtime.dev.HttpEventConsole;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsProduction;
import io.quarkus.deployment.annotations.BuildStep;

/**
 * Dev and test mode: the HTTP binding's event console, which the Dev UI page, the dev routes and the test API send
 * events through. Not in a packaged application (the same condition as the Lambda and Cloud Functions consoles).
 */
class HttpEventConsoleProcessor {

    @BuildStep(onlyIfNot = IsProduction.class)
    AdditionalBeanBuildItem eventConsole() {
        return AdditionalBeanBuildItem.unremovableOf(HttpEventConsole.class);
    }
}
