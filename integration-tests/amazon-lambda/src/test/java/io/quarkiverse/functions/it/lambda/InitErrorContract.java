package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * An export that names no function fails Lambda's init phase: reported to {@code /runtime/init/error}, then the
 * process exits non-zero, before any event is taken; on every runtime.
 */
abstract class InitErrorContract {

    abstract LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException;

    @Test
    void unknownExportIsAnInitError() throws Exception {
        try (RuntimeApiServer api = new RuntimeApiServer();
                LambdaProcess lambda = start(api, Map.of("QUARKUS_FUNCTIONS_EXPORT", "gret"))) {
            Posted initError = api.initError.get(60, TimeUnit.SECONDS);

            assertThat(initError.header("Lambda-Runtime-Function-Error-Type")).matches(FailContract.ERROR_TYPE_HEADER);
            assertThat(initError.body())
                    .contains("quarkus.functions.export (QUARKUS_FUNCTIONS_EXPORT) is 'gret', which names no function")
                    .contains("greet");
            assertThat(lambda.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(lambda.process.exitValue()).isNotZero();
            assertThat(api.firstNext).as("no event taken").isNotDone();
        }
    }
}
