package io.quarkiverse.functions.amazonlambda.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of the AWS Lambda binding.
 */
@ConfigMapping(prefix = "quarkus.functions.amazon-lambda")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FunctionsLambdaConfig {

    /**
     * What to do with a queue or stream record that the function rejects as a client error (bad input, validation):
     * {@code report} lists it in {@code batchItemFailures}, so that it is redelivered and finally reaches the
     * dead-letter queue; {@code drop} acknowledges it. Either way it is logged as poison.
     */
    @WithDefault("report")
    PoisonRecords poisonRecords();

    /**
     * Largest response Lambda accepts for a synchronous invocation. A larger result is reported as an error instead of
     * being sent.
     */
    @WithDefault("6M")
    MemorySize maxResponseSize();

    enum PoisonRecords {
        REPORT,
        DROP
    }
}
