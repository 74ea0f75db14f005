package io.quarkiverse.functions.http.deployment;

import java.util.function.BooleanSupplier;

import io.quarkiverse.functions.http.runtime.dev.HttpEventConsole;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.runtime.LaunchMode;

/**
 * Dev and test mode: the HTTP binding's event console, which the Dev UI page, the dev routes and the test API send
 * events through. Not in a packaged application.
 */
class HttpEventConsoleProcessor {

    @BuildStep(onlyIf = DevOrTest.class)
    AdditionalBeanBuildItem eventConsole() {
        return AdditionalBeanBuildItem.unremovableOf(HttpEventConsole.class);
    }

    static final class DevOrTest implements BooleanSupplier {
        private final LaunchMode launchMode;

        DevOrTest(LaunchMode launchMode) {
            this.launchMode = launchMode;
        }

        @Override
        public boolean getAsBoolean() {
            return launchMode.isDevOrTest();
        }
    }
}
