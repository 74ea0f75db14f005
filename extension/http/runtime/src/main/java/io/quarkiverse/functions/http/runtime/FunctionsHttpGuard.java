package io.quarkiverse.functions.http.runtime;

import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs before the binding on every function request, on its headers alone: answers at once, before any body is read,
 * a request that shutdown, the overload bounds ({@link FunctionsHttpAdmission}) or a declared {@code Content-Length}
 * over {@code quarkus.functions.max-input-size} refuse; sends {@code 100 Continue}
 * to a taken request that asks for it; bounds the time its body may take to arrive
 * ({@code quarkus.functions.http.client-timeout}); then hands the request to the binding.
 */
final class FunctionsHttpGuard implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");
    /** Beyond this many bytes of a refused body, stop discarding it and close the connection. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final FunctionsHttpAdmission admission;
    private final Handler<RoutingContext> binding;
    private final String frameworkPath;
    private final long maxInputSize;
    private final boolean continueSentByServer;
    private final long clientTimeoutMillis;

    /**
     * @param continueSentByServer whether Vert.x answers {@code Expect: 100-continue} itself
     *        ({@code quarkus.http.handle-100-continue-automatically})
     */
    FunctionsHttpGuard(FunctionsHttpAdmission admission, Handler<RoutingContext> binding, String frameworkPath,
            long maxInputSize, boolean continueSentByServer, long clientTimeoutMillis) {
        this.admission = admission;
        this.binding = binding;
        this.frameworkPath = frameworkPath.endsWith("/") ? frameworkPath : frameworkPath + "/";
        this.maxInputSize = maxInputSize;
        this.continueSentByServer = continueSentByServer;
        this.clientTimeoutMillis = clientTimeoutMillis;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (request.path().startsWith(frameworkPath)) {
            binding.handle(routing); // passed on to Quarkus by the binding
            return;
        }
        long declared = contentLength(request);
        if (declared > maxInputSize) {
            refuse(request, Errors.payloadTooLarge(maxInputSize));
            return;
        }
        long size = declared >= 0 ? declared : unknownLength(request) ? maxInputSize : 0;
        FunctionError refused = admission.admit(size);
        if (refused != null) {
            refuse(request, refused);
            return;
        }
        Release release = new Release(admission, size);
        routing.addEndHandler(release);
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Took request %s: %d in flight",
                    HttpDispatcher.requestId(request.getHeader(HttpDispatcher.REQUEST_ID)), admission.inFlight());
        }
        if (!continueSentByServer && expectsContinue(request)) {
            request.response().writeContinue();
        }
        if (!request.isEnded()) {
            // a body trickled a byte at a time keeps the connection active for the idle timeout: bound it here, and
            // cancel the timer with the answer, so that no timer outlives its request
            BodyDeadline deadline = new BodyDeadline(routing.vertx(), request);
            deadline.timer = routing.vertx().setTimer(clientTimeoutMillis, deadline);
            release.deadline = deadline;
        }
        binding.handle(routing);
    }

    /**
     * Answers at once. A client that waits for {@code 100 Continue} sends no body, so its connection is closed after
     * the answer; any other body is read and discarded, so that the client reads the answer rather than a reset
     * connection, up to {@link #DRAIN_LIMIT}.
     */
    private static void refuse(HttpServerRequest request, FunctionError error) {
        if (expectsContinue(request)) {
            request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        } else if (!request.isEnded()) {
            request.handler(new Discard(request.connection()));
            request.endHandler(null);
            request.resume();
        }
        ProblemReplies.send(request, error);
    }

    private static boolean expectsContinue(HttpServerRequest request) {
        String expect = request.getHeader(HttpHeaders.EXPECT);
        return expect != null && HttpHeaders.CONTINUE.toString().equalsIgnoreCase(expect.trim());
    }

    /** A body whose size the headers do not tell: chunked, or an HTTP/2 stream without {@code content-length}. */
    private static boolean unknownLength(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return false;
        }
        if (request.version() == HttpVersion.HTTP_2) {
            return true;
        }
        List<String> encodings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        for (int i = 0; i < encodings.size(); i++) {
            if (encodings.get(i).toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                return true;
            }
        }
        return false;
    }

    static long contentLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Gives back what a request held, and cancels its body deadline, when its answer is written or its connection
     * closes.
     */
    private static final class Release implements Handler<AsyncResult<Void>> {
        private final FunctionsHttpAdmission admission;
        private final long size;

        Release(FunctionsHttpAdmission admission, long size) {
            this.admission = admission;
            this.size = size;
        }

        BodyDeadline deadline;

        @Override
        public void handle(AsyncResult<Void> ignored) {
            admission.release(size);
            if (deadline != null) {
                deadline.cancel();
            }
        }
    }

    /**
     * Closes the connection of a request whose body has not all arrived within the client timeout; cancelled when the
     * request is answered.
     */
    private static final class BodyDeadline implements Handler<Long> {
        private final Vertx vertx;
        private final HttpServerRequest request;
        long timer;

        BodyDeadline(Vertx vertx, HttpServerRequest request) {
            this.vertx = vertx;
            this.request = request;
        }

        @Override
        public void handle(Long fired) {
            if (!request.isEnded()) {
                LOG.debugf("Closing a connection whose request body did not arrive within the client timeout");
                request.connection().close();
            }
        }

        /** The end of the answer. */
        void cancel() {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads and drops a refused body; closes the connection past {@link #DRAIN_LIMIT}. */
    private static final class Discard implements Handler<Buffer> {
        private final HttpConnection connection;
        private long size;

        Discard(HttpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void handle(Buffer chunk) {
            size += chunk.length();
            if (size > DRAIN_LIMIT) {
                connection.close();
            }
        }
    }
}
