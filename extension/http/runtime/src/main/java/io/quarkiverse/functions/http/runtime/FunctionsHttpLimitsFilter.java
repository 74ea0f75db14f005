package io.quarkiverse.functions.http.runtime;

import java.net.URI;
import java.net.URISyntaxException;

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
 * <p>
 * It also makes Quarkus's URI check: Quarkus answers a URI that {@link URI} rejects (a bad percent-encoding such as
 * {@code ?name=%ZZ}) with a bare {@code 400} before any handler, unless the system property
 * {@code vertx.disableURIValidation} is set. The binding sets it (a {@code SystemPropertyBuildItem}) and checks the URI
 * here instead, for every path.
 */
final class FunctionsHttpLimitsFilter implements Handler<RoutingContext> {

    /** How many times the configured limits the decoder is given; past that, Vert.x's bare answer remains. */
    static final int DECODER_HEADROOM = 4;

    private static final FunctionError MALFORMED_URI = FunctionError.client(400, "malformed-uri", "Bad Request",
            "The request URI is not valid: check its percent-encoding (a % is followed by two hex digits).");

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
        if (!uriIsValid(request.uri())) {
            ProblemReplies.send(request, MALFORMED_URI);
            return;
        }
        routing.next();
    }

    /** The check Quarkus makes before routing when {@code vertx.disableURIValidation} is not set. */
    private static boolean uriIsValid(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
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
