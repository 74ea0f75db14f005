package io.quarkiverse.functions.amazonlambda.deployment;

import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaHandler;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaRecorder;
import io.quarkus.amazon.lambda.deployment.ProvidedAmazonLambdaHandlerBuildItem;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.pkg.steps.NativeBuild;

/**
 * The AWS Lambda binding: its feature and the one Lambda handler of the application.
 */
class FunctionsLambdaProcessor {

    static final String FEATURE = "functions-amazon-lambda";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Quarkus's poll loop (custom runtime, dev and test) and its stream handler call this handler.
     */
    @BuildStep
    ProvidedAmazonLambdaHandlerBuildItem handler() {
        return new ProvidedAmazonLambdaHandlerBuildItem(FunctionsLambdaHandler.class, "Quarkus Functions");
    }

    /**
     * No banner by default on Lambda: it is printed at every cold start, into every log stream, and costs about 8 ms
     * of it (measured on one CPU with the AOT-cache runtime). {@code quarkus.banner.enabled=true} brings it back.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem noBanner() {
        return new RunTimeConfigurationDefaultBuildItem("quarkus.banner.enabled", "false");
    }

    /**
     * A native {@code bootstrap} that fails to start reports it to {@code /runtime/init/error} before it exits. The
     * runtime loop itself is replaced in the image by {@code runtime.graal.Target_AmazonLambdaRecorder}.
     */
    @BuildStep(onlyIf = NativeBuild.class)
    @Record(ExecutionTime.STATIC_INIT)
    void reportInitFailures(FunctionsLambdaRecorder recorder) {
        recorder.reportInitFailures();
    }

    @BuildStep
    AdditionalBeanBuildItem handlerBean() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(FunctionsLambdaHandler.class)
                .setUnremovable().build();
    }
}
