package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.jboss.logging.Logger;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;

/**
 * The entry point of an event function ({@code gcloud functions deploy --trigger-topic|--trigger-bucket|
 * --trigger-event-filters ... --entry-point} this class). Each event goes to the exported function
 * ({@code quarkus.functions.export}, or the application's only function), or else to the function that serves its
 * type.
 * <p>
 * It is an {@link HttpFunction} so that it reads the delivery itself: a CloudEvent in binary or structured mode, or a
 * legacy background event, and answers a malformed one {@code 400} rather than the {@code 500} that would make Google
 * retry it. It is also a {@link CloudEventsFunction}, for a Functions Framework told to decode the events itself
 * (signature type {@code cloudevent}).
 */
public final class CloudEventFunctionEntryPoint implements HttpFunction, CloudEventsFunction {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.googlecloudfunctions");

    private final GoogleCloudEventDispatcher events;
    private final GoogleCloudPlatform platform;
    private final String function;

    /**
     * Called by the Functions Framework when the instance starts: starts Quarkus, and fails if its configuration is
     * wrong.
     */
    public CloudEventFunctionEntryPoint() {
        this(null);
    }

    /**
     * Delivers every event to one given function, as a deployment that exports it does: the in-process delivery of
     * dev mode's event console and of the test API.
     *
     * @param function the function, or {@code null} for the exported one, else the one the event's type routes to
     */
    public CloudEventFunctionEntryPoint(String function) {
        this.events = QuarkusStarter.bean(GoogleCloudEventDispatcher.class);
        this.platform = QuarkusStarter.bean(GoogleCloudPlatform.class);
        this.function = function;
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        Instant received = Instant.now();
        Map<String, String> headers = FrameworkHttp.headers(request);
        String requestId = platform.requestId(headers);
        if (FrameworkHttp.isBrowserProbe(request)) {
            FrameworkHttp.write(FrameworkHttp.browserProbe(request, requestId), response);
            return;
        }
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            HttpReply reply = HttpDispatcher.problem(requestId, Errors.methodNotAllowed(request.getMethod(), "POST"));
            reply.headers().put("Allow", "POST");
            FrameworkHttp.write(reply, response);
            return;
        }
        byte[] body = FrameworkHttp.body(request, events.maxInputSize());
        if (body == FrameworkHttp.TOO_LARGE) {
            FrameworkHttp.write(HttpDispatcher.problem(requestId, Errors.payloadTooLarge(events.maxInputSize())), response);
            return;
        }
        HttpReply reply;
        try {
            reply = events.dispatch(headers, body, received, function);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Dispatching event request %s failed", requestId);
            reply = FrameworkHttp.internalError(requestId);
        }
        FrameworkHttp.write(reply, response);
    }

    @Override
    public void accept(CloudEvent event) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CloudEventFunctionEntryPoint.class.getClassLoader());
        try {
            events.accept(event);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
