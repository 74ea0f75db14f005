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

    /**
     * A self-contained {@code function-jvm-custom-runtime.zip} for the custom runtime {@code provided.al2023}: a
     * {@code bootstrap} that runs the application on a bundled, jlink-trimmed JDK 25 with an AOT cache trained during
     * the build.
     */
    JvmCustomRuntime jvmCustomRuntime();

    interface JvmCustomRuntime {

        /**
         * Build the custom-runtime zip. The build then needs a JDK 25 or newer ({@code jdk}).
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Home of the JDK 25+ whose {@code jlink} builds the bundled runtime; by default the JDK running the build,
         * when it is 25 or newer.
         */
        java.util.Optional<String> jdk();

        /**
         * Modules of the bundled runtime. The default is what Quarkus, Jackson, Hibernate Validator and the binding
         * use; add the modules your own code needs ({@code java.net.http} for the JDK's HTTP client, {@code java.desktop}
         * for {@code java.beans}, ...). A class of a missing module fails the training run, which fails the build.
         */
        @WithDefault("java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.zipfs")
        java.util.List<String> modules();

        /**
         * Functions the training run invokes, each with an input made from its input schema; all by default. Training
         * runs the functions during the build: leave out one whose side effects must not happen there (sending mail,
         * writing to a store). Its code is then loaded at its first invocation instead of from the cache.
         */
        java.util.Optional<java.util.List<String>> trainingFunctions();
    }

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
