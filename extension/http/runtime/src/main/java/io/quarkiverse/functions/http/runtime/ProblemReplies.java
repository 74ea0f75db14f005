package io.quarkiverse.functions.http.runtime;

import java.util.Map;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the problem documents that the server's own guards answer, before any function is involved.
 */
final class ProblemReplies {

    private ProblemReplies() {
    }

    /**
     * Answers {@code error} with the request's id (its {@code X-Request-Id} when sane, else a new one).
     */
    static void send(HttpServerRequest request, FunctionError error) {
        send(request, HttpDispatcher.requestId(request.getHeader(HttpDispatcher.REQUEST_ID)), error);
    }

    static void send(HttpServerRequest request, String requestId, FunctionError error) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        HttpReply reply = HttpDispatcher.problem(requestId, error);
        if (!response.headWritten()) {
            response.setStatusCode(reply.status());
            for (Map.Entry<String, String> header : reply.headers().entrySet()) {
                response.putHeader(header.getKey(), header.getValue());
            }
        }
        response.end(Buffer.buffer(reply.body()));
    }
}
