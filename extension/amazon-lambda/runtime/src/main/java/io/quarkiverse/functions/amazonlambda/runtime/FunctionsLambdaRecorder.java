package io.quarkiverse.functions.amazonlambda.runtime;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Start-up wiring of the native {@code bootstrap}.
 */
@Recorder
public class FunctionsLambdaRecorder {

    /** A failed start is reported to {@code /runtime/init/error}; see {@link InitFailureReporter}. */
    public void reportInitFailures() {
        ApplicationLifecycleManager.setDefaultExitCodeHandler(new InitFailureReporter());
    }
}
