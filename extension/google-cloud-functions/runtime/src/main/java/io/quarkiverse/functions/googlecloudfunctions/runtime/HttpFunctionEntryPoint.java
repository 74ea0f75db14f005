package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.jboss.logging.Logger;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;

/**
 * The entry point of an HTTP function ({@code gcloud functions deploy --trigger-http --entry-point} this class). It
 * serves the functions with the HTTP semantics of the core: {@code POST} and {@code GET /<function>}, CloudEvents on
 * {@code POST /}, problem documents; or, when {@code quarkus.functions.export} names a function (or the application
 * has only one), that function on every path.
 */
public final class HttpFunctionEntryPoint implements HttpFunction {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.googlecloudfunctions");

    private final HttpDispatcher dispatcher;
    private final GoogleCloudPlatform platform;
    private final String function;

    /**
     * Called by the Functions Framework when the instance starts: starts Quarkus, and fails if its configuration is
     * wrong.
     */
    public HttpFunctionEntryPoint() {
        this(QuarkusStarter.bean(FunctionInvoker.class).exportedFunction());
    }

    /**
     * Serves one given function on every path, as a deployment that exports it does: the in-process delivery of dev
     * mode's event console and of the test API.
     *
     * @param function the function, or {@code null} to choose it by path
     */
    public HttpFunctionEntryPoint(String function) {
        this.dispatcher = QuarkusStarter.bean(HttpDispatcher.class);
        this.platform = QuarkusStarter.bean(GoogleCloudPlatform.class);
        this.function = function;
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        Instant received = Instant.now();
        Map<String, String> headers = FrameworkHttp.headers(request);
        // The execution id is the request id; the dispatcher reads it from there.
        headers.put("x-request-id", platform.requestId(headers));
        if (FrameworkHttp.isBrowserProbe(request)) {
            FrameworkHttp.write(FrameworkHttp.browserProbe(request, headers.get("x-request-id")), response);
            return;
        }
        byte[] body = FrameworkHttp.body(request, dispatcher.maxInputSize());
        if (body == FrameworkHttp.TOO_LARGE) {
            FrameworkHttp.write(dispatcher.payloadTooLarge(headers.get("x-request-id")), response);
            return;
        }
        HttpReply reply;
        try {
            reply = dispatcher.dispatch(FrameworkHttp.translate(request, headers, body), Platform.GOOGLE_CLOUD_FUNCTIONS,
                    function, invocation -> platform.addTo(invocation, received)).await().indefinitely();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Dispatching request %s failed", headers.get("x-request-id"));
            reply = FrameworkHttp.internalError(headers.get("x-request-id"));
        }
        FrameworkHttp.write(reply, response);
    }
}
