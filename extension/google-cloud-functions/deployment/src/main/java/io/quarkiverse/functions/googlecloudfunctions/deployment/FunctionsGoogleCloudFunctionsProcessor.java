package io.quarkiverse.functions.googlecloudfunctions.deployment;

import io.quarkiverse.functions.googlecloudfunctions.runtime.GoogleCloudEventDispatcher;
import io.quarkiverse.functions.googlecloudfunctions.runtime.GoogleCloudPlatform;
import io.quarkiverse.functions.googlecloudfunctions.runtime.HttpFunctionEntryPoint;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * The Google Cloud Functions binding: its beans, and the entry point that {@code quarkus-google-cloud-functions}
 * looks for. The entry points themselves are created by the Functions Framework, not by CDI.
 */
class FunctionsGoogleCloudFunctionsProcessor {

    static final String FEATURE = "functions-google-cloud-functions";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(GoogleCloudPlatform.class, GoogleCloudEventDispatcher.class)
                .setUnremovable()
                .build();
    }

    /**
     * {@code quarkus-google-cloud-functions}, which packages the deployment directory, fails the build when the index
     * has no Functions Framework function, and at start-up when it has two of a kind without
     * {@code quarkus.google-cloud-functions.function}. Only the HTTP entry point is indexed: the event entry point is
     * an {@code HttpFunction} too. Neither is a bean, so that extension's own entry classes find no delegate and stay
     * unused.
     */
    @BuildStep
    AdditionalIndexedClassesBuildItem entryPointForPackaging() {
        return new AdditionalIndexedClassesBuildItem(HttpFunctionEntryPoint.class.getName());
    }
}
