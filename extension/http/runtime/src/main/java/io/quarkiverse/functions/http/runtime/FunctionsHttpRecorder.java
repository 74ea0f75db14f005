package io.quarkiverse.functions.http.runtime;

import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class FunctionsHttpRecorder {

    /**
     * Runs at run-time init: creating the invoker validates the run-time configuration before the server accepts
     * requests.
     */
    public Handler<RoutingContext> handler(String rootPath, String frameworkPath) {
        return new FunctionsHttpHandler(Arc.container().instance(HttpDispatcher.class).get(), rootPath, frameworkPath);
    }
}
