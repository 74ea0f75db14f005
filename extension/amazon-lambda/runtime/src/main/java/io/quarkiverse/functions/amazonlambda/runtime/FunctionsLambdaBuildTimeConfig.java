package io.quarkiverse.functions.amazonlambda.runtime;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the AWS Lambda binding: the generated SAM templates.
 */
@ConfigMapping(prefix = "quarkus.functions.amazon-lambda")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface FunctionsLambdaBuildTimeConfig {

    /**
     * The SAM templates written next to {@code function.zip}.
     */
    Sam sam();

    interface Sam {

        /**
         * Memory of each function, in MB, in the generated templates.
         */
        @WithDefault("512")
        int memorySize();

        /**
         * Lambda timeout of each function in the generated templates. Keep the functions' own deadlines
         * ({@code quarkus.functions.timeout}) below it, so that a deadline is reported rather than the sandbox killed.
         */
        @WithDefault("30s")
        Duration timeout();

        /**
         * Managed Java runtime of {@code sam.jvm.yaml}.
         */
        @WithDefault("java21")
        String jvmRuntime();
    }
}
