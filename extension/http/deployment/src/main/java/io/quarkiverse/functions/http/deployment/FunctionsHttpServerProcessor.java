package io.quarkiverse.functions.http.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;

import io.quarkiverse.functions.http.runtime.FunctionsHttpBuildTimeConfig;
import io.quarkiverse.functions.http.runtime.FunctionsHttpRecorder;
import io.quarkiverse.functions.http.runtime.FunctionsHttpServerOptions;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.ShutdownListenerBuildItem;
import io.quarkus.deployment.builditem.SystemPropertyBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.deployment.VertxWebRouterBuildItem;

/**
 * The HTTP server as Cloud Run and Knative need it: graceful shutdown, slow clients, overload, and problem documents
 * for the errors raised below the binding. See docs/http.md, "Shutdown, limits and overload".
 */
class FunctionsHttpServerProcessor {

    /**
     * Quarkus's graceful shutdown waits this long for the requests in flight after {@code SIGTERM}: below the 10 s
     * Cloud Run (and Knative's default grace period less its drain) leaves before {@code SIGKILL}, with time for the
     * JVM to stop. Without a value, Quarkus does not wait at all.
     */
    static final String DRAIN_TIME = "8s";
    /** Before Quarkus's own filters (CORS, security): a request over the limits is answered before any work. */
    static final int LIMITS_FILTER_PRIORITY = 1_000_000;

    @BuildStep
    RunTimeConfigurationDefaultBuildItem drainTime() {
        return new RunTimeConfigurationDefaultBuildItem("quarkus.shutdown.timeout", DRAIN_TIME);
    }

    /**
     * Quarkus's own URI check answers a bare {@code 400} before any handler; {@code FunctionsHttpLimitsFilter} makes
     * the same check and answers a problem document.
     */
    @BuildStep
    SystemPropertyBuildItem uriCheckInTheLimitsFilter() {
        return new SystemPropertyBuildItem("vertx.disableURIValidation", "true");
    }

    @BuildStep
    AdditionalBeanBuildItem serverOptions() {
        return AdditionalBeanBuildItem.unremovableOf(FunctionsHttpServerOptions.class);
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    FunctionsHttpAdmissionBuildItem admission(FunctionsHttpRecorder recorder) {
        return new FunctionsHttpAdmissionBuildItem(recorder.admission());
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    ShutdownListenerBuildItem refuseNewRequestsOnShutdown(FunctionsHttpRecorder recorder,
            FunctionsHttpAdmissionBuildItem admission) {
        return new ShutdownListenerBuildItem(recorder.shutdownListener(admission.getAdmission()));
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    void exitZeroOnSigterm(FunctionsHttpRecorder recorder) {
        recorder.exitZeroOnSigterm();
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    FilterBuildItem limits(FunctionsHttpRecorder recorder) {
        return new FilterBuildItem(recorder.limitsFilter(), LIMITS_FILTER_PRIORITY);
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    RouteBuildItem failures(FunctionsHttpRecorder recorder, FunctionsHttpBuildTimeConfig config,
            NonApplicationRootPathBuildItem frameworkRoot) {
        String root = config.rootPath().endsWith("/") ? config.rootPath() : config.rootPath() + "/";
        return RouteBuildItem.builder()
                .orderedRoute(root + "*", Integer.MIN_VALUE)
                .handler(recorder.failureHandler(frameworkRoot.getNonApplicationRootPath()))
                .failureRoute()
                .build();
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    void routerErrors(FunctionsHttpRecorder recorder, VertxWebRouterBuildItem routers,
            NonApplicationRootPathBuildItem frameworkRoot) {
        recorder.answerRouterErrors(routers.getHttpRouter(), routers.getMainRouter(),
                frameworkRoot.getNonApplicationRootPath());
    }
}
