package io.quarkiverse.functions.http.runtime;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors raised below the binding, by Vert.x Web's router (a path or query it cannot decode, for example
 * {@code ?name=%ZZ}), answered as problem documents with the request id instead of Quarkus's bare status. Paths under
 * Quarkus's own root ({@code /q/}) keep Quarkus's error pages.
 */
final class FunctionsHttpFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");

    private final String frameworkPath;

    FunctionsHttpFailureHandler(String frameworkPath) {
        this.frameworkPath = frameworkPath.endsWith("/") ? frameworkPath : frameworkPath + "/";
    }

    @Override
    public void handle(RoutingContext routing) {
        String path = routing.request().path();
        if (path != null && path.startsWith(frameworkPath) || routing.response().headWritten()) {
            routing.next();
            return;
        }
        int status = routing.statusCode();
        String requestId = HttpDispatcher.requestId(routing.request().getHeader(HttpDispatcher.REQUEST_ID));
        FunctionError error;
        if (status >= 400 && status < 500) {
            error = FunctionError.client(status, status == 400 ? "bad-request" : "client-error", Errors.title(status),
                    "The request could not be read: check the percent-encoding of its path and query.");
        } else {
            LOG.errorf(routing.failure(), "Request %s failed below the functions", requestId);
            error = Errors.internal(requestId);
        }
        ProblemReplies.send(routing.request(), requestId, error);
    }
}
