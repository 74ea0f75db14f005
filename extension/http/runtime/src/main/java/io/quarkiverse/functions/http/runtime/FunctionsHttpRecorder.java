package io.quarkiverse.functions.http.runtime;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.jobs.AsyncJobs;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.shutdown.ShutdownListener;
import io.quarkus.vertx.http.runtime.ServerLimitsConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class FunctionsHttpRecorder {

    private final RuntimeValue<FunctionsHttpRuntimeConfig> config;
    private final RuntimeValue<VertxHttpConfig> httpConfig;

    public FunctionsHttpRecorder(RuntimeValue<FunctionsHttpRuntimeConfig> config, RuntimeValue<VertxHttpConfig> httpConfig) {
        this.config = config;
        this.httpConfig = httpConfig;
    }

    /**
     * The overload and shutdown state of the server, with {@code quarkus.functions.http.max-in-flight-*}.
     */
    public RuntimeValue<FunctionsHttpAdmission> admission() {
        FunctionsHttpRuntimeConfig http = config.getValue();
        long maxBytes = http.maxInFlightInput().isPresent() ? http.maxInFlightInput().get().asLongValue()
                : Runtime.getRuntime().maxMemory() / 8;
        return new RuntimeValue<>(new FunctionsHttpAdmission(http.maxInFlightInvocations(), maxBytes));
    }

    public ShutdownListener shutdownListener(RuntimeValue<FunctionsHttpAdmission> admission) {
        return admission.getValue();
    }

    /**
     * Runs at run-time init: creating the invoker validates the run-time configuration before the server accepts
     * requests.
     */
    public Handler<RoutingContext> handler(String rootPath, String frameworkPath,
            RuntimeValue<FunctionsHttpAdmission> admission) {
        HttpDispatcher dispatcher = Arc.container().instance(HttpDispatcher.class).get();
        AsyncJobs jobs = Arc.container().instance(AsyncJobs.class).get();
        FunctionsHttpHandler binding = new FunctionsHttpHandler(dispatcher, jobs, rootPath, frameworkPath);
        SmallRyeConfig all = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Duration clientTimeout = FunctionsHttpServerOptions.clientTimeout(config.getValue().clientTimeout(),
                all.getConfigMapping(FunctionsRuntimeConfig.class));
        return new FunctionsHttpGuard(admission.getValue(), binding, frameworkPath, dispatcher.maxInputSize(),
                httpConfig.getValue().handle100ContinueAutomatically(), clientTimeout.toMillis());
    }

    public Handler<RoutingContext> limitsFilter() {
        ServerLimitsConfig limits = httpConfig.getValue().limits();
        return new FunctionsHttpLimitsFilter(limits.maxInitialLineLength(), limits.maxHeaderSize().asLongValue());
    }

    public Handler<RoutingContext> failureHandler(String frameworkPath) {
        return new FunctionsHttpFailureHandler(frameworkPath, false);
    }

    /**
     * @param mainRouter the router above the HTTP root path's, or {@code null} when the root path is {@code /}
     */
    public void answerRouterErrors(RuntimeValue<Router> httpRouter, RuntimeValue<Router> mainRouter,
            String frameworkPath) {
        FunctionsHttpFailureHandler handler = new FunctionsHttpFailureHandler(frameworkPath, true);
        httpRouter.getValue().errorHandler(400, handler);
        if (mainRouter != null) {
            mainRouter.getValue().errorHandler(400, handler);
        }
    }

    public void exitZeroOnSigterm() {
        SigtermExit.install();
    }
}
