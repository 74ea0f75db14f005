package io.quarkiverse.functions.http.runtime;

import io.quarkiverse.functions.runtime.FunctionError;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus's request-line and header limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code quarkus.http.limits.max-header-size}) answered with a problem document. Vert.x's decoder answers a request
 * over its own limits with a bare status and no request id, and offers no hook for that answer; so
 * {@link FunctionsHttpServerOptions} gives the decoder {@value #DECODER_HEADROOM} times the configured limits, and this
 * filter, the first handler of every request, enforces the configured ones.
 */
final class FunctionsHttpLimitsFilter implements Handler<RoutingContext> {

    /** How many times the configured limits the decoder is given; past that, Vert.x's bare answer remains. */
    static final int DECODER_HEADROOM = 4;

    private final int maxRequestLine;
    private final long maxHeaderSize;
    private final FunctionError uriTooLong;
    private final FunctionError headersTooLarge;

    FunctionsHttpLimitsFilter(int maxRequestLine, long maxHeaderSize) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSize = maxHeaderSize;
        this.uriTooLong = FunctionError.client(414, "uri-too-long", "URI Too Long",
                "The request line is longer than the limit of " + maxRequestLine + " characters.");
        this.headersTooLarge = FunctionError.client(431, "headers-too-large", "Request Header Fields Too Large",
                "The request headers are larger than the limit of " + maxHeaderSize + " bytes.");
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        // as the decoder counts it: "<method> <uri> HTTP/1.1"
        if (request.method().name().length() + request.uri().length() + 10 > maxRequestLine) {
            ProblemReplies.send(request, uriTooLong);
            return;
        }
        if (headerSize(request.headers()) > maxHeaderSize) {
            ProblemReplies.send(request, headersTooLarge);
            return;
        }
        routing.next();
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (java.util.Map.Entry<String, String> header : headers) {
            // "<name>: <value>\r\n"
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }
}
