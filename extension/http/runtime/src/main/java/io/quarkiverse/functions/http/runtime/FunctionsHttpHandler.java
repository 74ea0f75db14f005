package io.quarkiverse.functions.http.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.HttpRequest;
import io.quarkiverse.functions.runtime.internal.jobs.AsyncJobs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP binding: reads a Vert.x request into an {@link HttpRequest} and writes the {@link HttpReply}. The HTTP
 * semantics are the core's {@link HttpDispatcher}, shared with the other bindings that receive HTTP.
 * <p>
 * A plain Vert.x route rather than a JAX-RS resource: it reads the body itself, so that an oversized request is
 * answered {@code 413} as a problem document without buffering it, and it adds no REST layer to start-up.
 */
final class FunctionsHttpHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");
    /** Beyond this many bytes over the limit, stop draining an oversized body and close the connection. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final HttpDispatcher dispatcher;
    private final AsyncJobs jobs;
    private final String rootPath;
    private final String frameworkPath;
    private final long maxInputSize;

    /**
     * @param frameworkPath Quarkus's non-application root ({@code /q/}): health and dev endpoints, passed on
     */
    FunctionsHttpHandler(HttpDispatcher dispatcher, AsyncJobs jobs, String rootPath, String frameworkPath) {
        this.dispatcher = dispatcher;
        this.jobs = jobs;
        this.rootPath = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        this.frameworkPath = frameworkPath.endsWith("/") ? frameworkPath : frameworkPath + "/";
        this.maxInputSize = dispatcher.maxInputSize();
    }

    @Override
    public void handle(RoutingContext routing) {
        String path = routing.normalizedPath();
        if (path.startsWith(frameworkPath)) {
            routing.next();
            return;
        }
        String name = path.startsWith(rootPath) ? path.substring(rootPath.length()) : path;
        HttpServerRequest request = routing.request();
        long declared = FunctionsHttpGuard.contentLength(request);
        BodyCollector collector = new BodyCollector(declared > maxInputSize, declared);
        request.handler(chunk -> {
            collector.size += chunk.length();
            if (collector.tooLarge) {
                if (collector.size - maxInputSize > DRAIN_LIMIT) {
                    request.connection().close();
                }
                return;
            }
            if (collector.size > maxInputSize) {
                collector.tooLarge = true;
                collector.body = null;
                // answered now; the rest is discarded, and a close past the drain limit ends an answered request
                write(routing.response(), dispatcher.payloadTooLarge(request.getHeader(HttpDispatcher.REQUEST_ID)));
            } else {
                collector.body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(failure -> LOG.debugf("Reading a request body failed: %s",
                failure.getClass().getSimpleName()));
        // The body is drained even when too large, so that the client reads the 413 rather than a reset connection.
        request.endHandler(ignored -> {
            if (collector.tooLarge) {
                write(routing.response(), dispatcher.payloadTooLarge(request.getHeader(HttpDispatcher.REQUEST_ID)));
                return;
            }
            byte[] body = collector.size == 0 ? null : collector.body.getBytes();
            dispatch(routing, new HttpRequest(request.method().name(), name, new VertxHeaders(request.headers()), query(routing), body,
                    new Object[] { request }));
        });
        request.resume();
    }

    private void dispatch(RoutingContext routing, HttpRequest request) {
        Context context = Vertx.currentContext();
        Uni<HttpReply> job = jobs.handle(request, rootPath);
        (job != null ? job : dispatcher.dispatch(request, Platform.HTTP, null)).subscribe().with(
                reply -> context.runOnContext(ignored -> write(routing.response(), reply)),
                failure -> context.runOnContext(ignored -> {
                    LOG.errorf(failure, "The dispatcher failed");
                    routing.response().setStatusCode(500).end();
                }));
    }

    private static void write(HttpServerResponse response, HttpReply reply) {
        if (response.ended() || response.closed()) {
            LOG.debug("The client went away before the answer");
            return;
        }
        response.setStatusCode(reply.status());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            response.putHeader(header.getKey(), header.getValue());
        }
        if (reply.body() == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(reply.body()));
        }
    }

    private static Map<String, List<String>> query(RoutingContext routing) {
        MultiMap params = routing.queryParams();
        if (params.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> query = new HashMap<>();
        for (String name : params.names()) {
            query.put(name, params.getAll(name));
        }
        return query;
    }

    private static final class BodyCollector {
        boolean tooLarge;
        long size;
        Buffer body;

        BodyCollector(boolean tooLarge, long declared) {
            this.tooLarge = tooLarge;
            this.body = tooLarge ? null : Buffer.buffer(declared > 0 ? (int) declared : 1024);
        }
    }
}
