package io.quarkiverse.functions.http.runtime;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Errors raised below the binding answered as problem documents with the request id, instead of a bare status: as a
 * failure handler of the functions' route, and as the router's last-resort error handler for {@code 400}, which Vert.x
 * Web calls when it fails a request before any route runs (a path or query it cannot decode, for example
 * {@code ?name=%ZZ}). Paths under Quarkus's own root ({@code /q/}) keep Quarkus's answers.
 */
final class FunctionsHttpFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");

    private final String frameworkPath;
    private final boolean lastResort;

    /**
     * @param lastResort whether this is the router's error handler, after every failure handler
     */
    FunctionsHttpFailureHandler(String frameworkPath, boolean lastResort) {
        this.frameworkPath = frameworkPath.endsWith("/") ? frameworkPath : frameworkPath + "/";
        this.lastResort = lastResort;
    }

    @Override
    public void handle(RoutingContext routing) {
        String path = routing.request().path();
        if (path != null && path.startsWith(frameworkPath) || routing.response().headWritten()) {
            if (!lastResort) {
                routing.next();
            } else if (!routing.response().ended()) {
                // what Vert.x Web answers without an error handler
                routing.response().setStatusCode(routing.statusCode()).end();
            }
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
