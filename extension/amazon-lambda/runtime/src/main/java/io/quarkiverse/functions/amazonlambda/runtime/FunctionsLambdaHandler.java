package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaConfig.PoisonRecords;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkiverse.functions.runtime.Trigger;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.HttpRequest;
import io.quarkiverse.functions.runtime.internal.TraceIds;

/**
 * The one Lambda handler of an application: decodes the event AWS sends, invokes the function through the core
 * invoker, and encodes the reply (an API Gateway / Function URL / ALB response, a partial batch response, or the
 * function's JSON). A failed direct invocation is thrown as a {@link FunctionFailedException}, which the runtime
 * reports to {@code /error}.
 */
@Singleton
public class FunctionsLambdaHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");

    private final FunctionInvoker invoker;
    private final HttpDispatcher http;
    private final CloudEvents cloudEvents;
    private final ObjectMapper mapper;
    private final PoisonRecords poisonRecords;
    private final long maxResponseSize;
    private final String export;
    private final boolean exportConfigured;
    private final LambdaArns arns = new LambdaArns(System.getenv("AWS_LAMBDA_FUNCTION_VERSION"));

    FunctionsLambdaHandler(FunctionInvoker invoker, HttpDispatcher http, CloudEvents cloudEvents, ObjectMapper mapper,
            FunctionsLambdaConfig config) {
        this.invoker = invoker;
        this.http = http;
        this.cloudEvents = cloudEvents;
        this.mapper = mapper;
        this.poisonRecords = config.poisonRecords();
        this.maxResponseSize = config.maxResponseSize().asLongValue();
        // On a custom runtime the function's Handler setting (_HANDLER) may name the function to serve.
        String handler = System.getenv("_HANDLER");
        boolean handlerNamesFunction = !invoker.isExportConfigured() && handler != null
                && invoker.catalog().get(handler) != null;
        this.export = handlerNamesFunction ? handler : invoker.exportedFunction();
        this.exportConfigured = invoker.isExportConfigured() || handlerNamesFunction;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(input, output, context, new Selection(export, exportConfigured));
    }

    /**
     * Serves one given function, as the handler classes generated per function do.
     */
    public void handleRequest(InputStream input, OutputStream output, Context context, String function)
            throws IOException {
        handle(input, output, context, new Selection(function, true));
    }

    /**
     * The function that non-HTTP events go to, and whether HTTP events go to it too (instead of by path).
     */
    private record Selection(String function, boolean fixed) {
    }

    private void handle(InputStream input, OutputStream output, Context context, Selection selection) throws IOException {
        byte[] payload = input.readAllBytes();
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
                : UUID.randomUUID().toString();
        Instant deadline = context != null && context.getRemainingTimeInMillis() > 0
                ? Instant.now().plusMillis(context.getRemainingTimeInMillis())
                : null;
        JsonNode event = readTree(payload);
        EventShape shape = EventShape.of(event);
        try {
            if (shape.http) {
                http(shape, event, context, requestId, deadline, output, selection);
            } else if (shape == EventShape.DIRECT) {
                direct(payload, event, context, requestId, deadline, output, selection);
            } else {
                records(shape, event, context, requestId, deadline, output, selection);
            }
        } finally {
            // the runtime posts the reply when this returns, and Lambda may freeze the process right after
            invoker.flushObservers();
        }
    }

    private void http(EventShape shape, JsonNode event, Context context, String requestId, Instant deadline,
            OutputStream output, Selection selection) throws IOException {
        HttpRequest request = LambdaHttp.request(shape, event, new Object[] { event, context });
        // Lambda's request id, unless the caller sent its own; the X-Ray trace of this invocation
        request.headers().putIfAbsent("x-request-id", requestId);
        String trace = XRayHeader.current();
        if (trace != null) {
            request.headers().put("x-amzn-trace-id", trace);
        }
        HttpReply reply = http.dispatch(request, Platform.AMAZON_LAMBDA, selection.fixed() ? selection.function() : null,
                invocation -> invocation.platformDeadline(deadline).cloudResourceId(resourceId(context)))
                .await().indefinitely();
        if (reply.body() != null && reply.body().length > maxResponseSize) {
            reply = HttpDispatcher.problem(request.header("x-request-id"), responseTooLarge(reply.body().length));
        }
        mapper.writeValue(output, LambdaHttp.response(shape, event, reply));
    }

    private void direct(byte[] payload, JsonNode event, Context context, String requestId, Instant deadline,
            OutputStream output, Selection selection) throws IOException {
        Routed routed = route(payload, event, requestId, selection, true);
        Invocation invocation = Invocation.builder(Platform.AMAZON_LAMBDA, routed.function, requestId)
                .input(routed.input)
                .traceId(XRayHeader.traceId())
                .traceHeaders(XRayHeader.asHeaders())
                .producerTraceHeaders(TraceIds.ofEvent(routed.event))
                .cloudResourceId(resourceId(context))
                .platformDeadline(deadline)
                .deliveryId(routed.event != null ? CloudEvents.deliveryId(routed.event) : null)
                .rawEvent(routed.event, event, context)
                .build();
        Outcome outcome = invoker.invokeHere(invocation);
        if (!outcome.isSuccess()) {
            throw FunctionFailedException.of(outcome.error(), requestId);
        }
        byte[] body = directResponse(outcome);
        if (body != null) {
            if (body.length > maxResponseSize) {
                FunctionError error = responseTooLarge(body.length);
                LOG.errorf("Request %s: %s", requestId, error.detail());
                throw FunctionFailedException.of(error, requestId);
            }
            output.write(body);
        }
    }

    /**
     * A direct invocation's response is JSON, as Lambda's callers (the SDKs, {@code aws lambda invoke}) read it: a
     * {@code String} result becomes a JSON string, a {@code byte[]} one a base64 JSON string, as AWS's Java runtime
     * serializes them.
     */
    private byte[] directResponse(Outcome outcome) throws IOException {
        byte[] body = outcome.body();
        if (body == null || outcome.payloadType() == PayloadType.JSON) {
            return body;
        }
        if (outcome.payloadType() == PayloadType.TEXT) {
            return mapper.writeValueAsBytes(new String(body, StandardCharsets.UTF_8));
        }
        return mapper.writeValueAsBytes(body);
    }

    private void records(EventShape shape, JsonNode event, Context context, String requestId, Instant deadline,
            OutputStream output, Selection selection) throws IOException {
        boolean partial = LambdaRecords.partialBatch(shape);
        boolean fifo = LambdaRecords.fifo(shape, event);
        List<String> failed = new ArrayList<>();
        FunctionError retryable = null;
        boolean stopped = false;
        Trigger trigger = LambdaRecords.trigger(shape, event);
        Map<String, String> xray = XRayHeader.asHeaders();
        String resourceId = resourceId(context);
        List<LambdaRecords.Item> items = LambdaRecords.items(shape, event);
        Invocation last = null;
        for (LambdaRecords.Item item : items) {
            if (stopped) {
                // SQS FIFO: once a record fails, the later ones must not be processed before it
                failed.add(item.id());
                continue;
            }
            String itemRequestId = item.id().isEmpty() ? requestId : requestId + "/" + item.id();
            Outcome outcome;
            try {
                Routed routed = route(item.payload(), readTree(item.payload()), itemRequestId, selection, false);
                Map<String, String> producer = routed.event != null ? TraceIds.ofEvent(routed.event)
                        : LambdaRecords.producerTraceContext(shape, item.record());
                Invocation invocation = Invocation.builder(Platform.AMAZON_LAMBDA, routed.function, itemRequestId)
                        .input(routed.input)
                        .traceId(XRayHeader.traceId())
                        .trigger(trigger)
                        .traceHeaders(xray)
                        .producerTraceHeaders(producer)
                        .cloudResourceId(resourceId)
                        .platformDeadline(deadline)
                        .attempt(item.attempt())
                        .deliveryId(routed.event != null ? CloudEvents.deliveryId(routed.event)
                                : LambdaRecords.deliveryId(shape, item))
                        .rawEvent(routed.event, item.record(), event, context)
                        .build();
                last = invocation;
                outcome = invoker.invokeHere(invocation);
            } catch (FunctionFailedException e) {
                outcome = Outcome.failure(itemRequestId, null, e.error());
            }
            if (outcome.isSuccess()) {
                continue;
            }
            FunctionError error = outcome.error();
            if (error.kind() == FunctionError.Kind.CLIENT) {
                LOG.warnf("Poison record %s rejected (%s): %s; %s", item.id(), error.code(), error.detailWithViolations(),
                        poisonRecords == PoisonRecords.DROP ? "dropped" : "reported as failed");
                if (poisonRecords == PoisonRecords.DROP) {
                    continue;
                }
            } else if (retryable == null) {
                retryable = error;
            }
            failed.add(item.id());
            stopped = fifo;
        }
        invoker.batchDone(last, items.size(), failed.size());
        if (partial) {
            for (String id : failed) {
                if (id.isEmpty()) {
                    // an empty identifier would make Lambda fail the whole batch anyway: say so plainly
                    throw FunctionFailedException.of(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                            "A failed record has no identifier, so the batch cannot be partially reported."), requestId);
                }
            }
            mapper.writeValue(output, LambdaRecords.batchResponse(failed));
        } else if (retryable != null) {
            // SNS, S3, EventBridge have no partial response: fail the invocation so that Lambda retries the event
            throw FunctionFailedException.of(retryable, requestId);
        }
    }

    private record Routed(String function, FunctionInput input, CloudEvent event) {
    }

    /**
     * The function for a payload: a structured CloudEvent is routed by its type (unless a function is exported) and
     * its data is the input; anything else goes to the exported function. A direct invocation's payload is JSON by
     * Lambda's contract; a record's body declares no type (text, bytes or JSON, as the function's input type reads it).
     */
    private Routed route(byte[] payload, JsonNode tree, String requestId, Selection selection, boolean direct) {
        // specversion marks a CloudEvent, as ce-specversion does over HTTP: one without a type is invalid, not plain JSON
        if (tree != null && tree.isObject() && tree.has("specversion")) {
            CloudEvent event;
            try {
                event = cloudEvents.parse(Map.of("content-type", CloudEvents.STRUCTURED_CONTENT_TYPE), payload);
            } catch (InvalidCloudEventException e) {
                throw FunctionFailedException.of(Errors.invalidCloudEvent(e.getMessage()), requestId);
            }
            String function = selection.fixed() ? selection.function() : cloudEvents.route(event.getType());
            if (function == null) {
                throw FunctionFailedException.of(FunctionError.client(404, Errors.FUNCTION_NOT_FOUND, Errors.title(404),
                        "No function serves CloudEvent type '" + Errors.printable(event.getType()) + "'."), requestId);
            }
            return new Routed(function, CloudEvents.input(event, true), event);
        }
        if (selection.function() == null) {
            throw FunctionFailedException.of(new FunctionError(FunctionError.Kind.INTERNAL, 500, "no-function-selected",
                    Errors.title(500), "This event is not an HTTP request, and the application has several functions: "
                            + new TreeSet<>(invoker.catalog().names())
                            + ". Select one with QUARKUS_FUNCTIONS_EXPORT (quarkus.functions.export).",
                    null, List.of()), requestId);
        }
        return new Routed(selection.function(), direct ? FunctionInput.json(payload) : FunctionInput.payload(payload, null),
                null);
    }

    private JsonNode readTree(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(payload);
        } catch (IOException e) {
            // not JSON: the invoker's reader rejects it with a client error naming the position
            return null;
        }
    }

    private FunctionError responseTooLarge(int size) {
        return new FunctionError(FunctionError.Kind.INTERNAL, 500, "response-too-large", Errors.title(500),
                "The result is " + size + " bytes, more than Lambda's limit of " + maxResponseSize + " bytes.", null,
                List.of());
    }

    private String resourceId(Context context) {
        return context == null ? null : arns.resolve(context.getInvokedFunctionArn());
    }
}
