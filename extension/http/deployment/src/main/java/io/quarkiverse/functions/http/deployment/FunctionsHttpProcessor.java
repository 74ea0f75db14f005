package io.quarkiverse.functions.http.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;

import io.quarkiverse.functions.deployment.FunctionCatalogLoadedBuildItem;
import io.quarkiverse.functions.http.runtime.FunctionsHttpBuildTimeConfig;
import io.quarkiverse.functions.http.runtime.FunctionsHttpRecorder;
import io.quarkiverse.functions.runtime.internal.jobs.AsyncJobs;
import io.quarkiverse.functions.runtime.internal.jobs.InProcessJobQueue;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * The HTTP binding: one route that serves every function and CloudEvents. The OpenAPI document and the readiness
 * check are conditional dependencies (quarkus-functions-http-openapi, quarkus-functions-http-health).
 */
class FunctionsHttpProcessor {

    static final String FEATURE = "functions-http";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The async bridge ({@code Prefer: respond-async}, job resources), served by this binding only: on Lambda and Google
     * Cloud Functions the process may freeze or stop once the answer is sent.
     */
    @BuildStep
    AdditionalBeanBuildItem asyncBridge() {
        return AdditionalBeanBuildItem.builder().addBeanClasses(AsyncJobs.class, InProcessJobQueue.class).setUnremovable()
                .build();
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    RouteBuildItem route(FunctionsHttpRecorder recorder, FunctionsHttpBuildTimeConfig config,
            FunctionCatalogLoadedBuildItem catalogLoaded, BeanContainerBuildItem beanContainer,
            NonApplicationRootPathBuildItem frameworkRoot, FunctionsHttpAdmissionBuildItem admission) {
        String root = config.rootPath().endsWith("/") ? config.rootPath() : config.rootPath() + "/";
        return RouteBuildItem.builder()
                .route(root + "*")
                .handler(recorder.handler(root, frameworkRoot.getNonApplicationRootPath(), admission.getAdmission()))
                .build();
    }
}
