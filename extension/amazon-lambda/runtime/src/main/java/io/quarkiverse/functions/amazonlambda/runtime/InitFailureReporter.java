package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * Quarkus's exit handler in a native {@code bootstrap}: when the application fails to start (an export that names no
 * function, a warm-up that throws), Lambda must hear it on {@code /runtime/init/error} before the process exits, as
 * it does from the managed runtime and the JVM custom runtime; otherwise it only sees a process that died.
 */
public final class InitFailureReporter implements BiConsumer<Integer, Throwable> {

    @Override
    public void accept(Integer exitCode, Throwable failure) {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (failure != null && api != null && !api.isBlank()) {
            try {
                CustomRuntimePollLoop.initError(api, FunctionsStreamHandler.rootMessage(failure));
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not report the failed start to the Runtime API: " + e);
            }
        }
        System.exit(exitCode == null || exitCode == 0 && failure != null ? 1 : exitCode);
    }
}
