package io.quarkiverse.functions.amazonlambda.runtime.dev;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.amazonlambda.runtime.FunctionFailedException;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaHandler;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionDefinition;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;

/**
 * The AWS Lambda binding's event console: sample events of every trigger the binding reads, delivered in process to
 * {@link FunctionsLambdaHandler} for one function, as the handler generated for that function serves them, and
 * answered as Lambda's {@code Invoke} API answers: {@code 200} with the handler's output, or {@code 200} with
 * {@code x-amz-function-error: Unhandled} and the error document the runtime reports for a failed invocation.
 * Registered in dev and test mode only.
 */
@Singleton
public class LambdaEventConsole implements EventConsole {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");

    static final String HANDLER_PACKAGE = "io.quarkiverse.functions.amazonlambda.handlers.";
    /** The Lambda timeout of the SAM templates without {@code quarkus.functions.amazon-lambda.sam.timeout}. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** The memory of the SAM templates without {@code quarkus.functions.amazon-lambda.sam.memory-size}. */
    private static final int DEFAULT_MEMORY_MB = 512;

    private static final List<EventKind> KINDS = List.of(
            new EventKind("direct", "Direct invocation"),
            new EventKind("api-gateway-v1", "API Gateway (REST API, v1)"),
            new EventKind("api-gateway-v2", "API Gateway (HTTP API, v2)"),
            new EventKind("function-url", "Function URL"),
            new EventKind("alb", "Application Load Balancer"),
            new EventKind("sqs", "SQS message"),
            new EventKind("sns", "SNS notification"),
            new EventKind("kinesis", "Kinesis record"),
            new EventKind("dynamodb", "DynamoDB stream record"),
            new EventKind("s3", "S3 object created"),
            new EventKind("eventbridge", "EventBridge event"));

    private final FunctionsLambdaHandler handler;
    private final FunctionInvoker invoker;
    private final ObjectMapper mapper;

    LambdaEventConsole(FunctionsLambdaHandler handler, FunctionInvoker invoker, ObjectMapper mapper) {
        this.handler = handler;
        this.invoker = invoker;
        this.mapper = mapper;
    }

    @Override
    public String platform() {
        return "AWS Lambda";
    }

    @Override
    public String entryPoint(String function) {
        return HANDLER_PACKAGE + handlerName(function) + "Handler::handleRequest (java21), or _HANDLER="
                + function + " / QUARKUS_FUNCTIONS_EXPORT=" + function + " (provided.al2023)";
    }

    @Override
    public List<EventKind> eventKinds() {
        return KINDS;
    }

    @Override
    public Request sample(String eventKind, String function, String input) {
        FunctionDefinition definition = invoker.catalog().get(function);
        boolean textInput = definition != null && definition.inputType() == PayloadType.TEXT;
        SampleInput sample = SampleInput.of(input, textInput, mapper);
        String body;
        switch (eventKind) {
            case "direct":
                body = input == null ? "" : input;
                break;
            case "api-gateway-v1":
                body = write(LambdaHttpSamples.v1(function, sample));
                break;
            case "api-gateway-v2":
                body = write(LambdaHttpSamples.v2(function, sample, false));
                break;
            case "function-url":
                body = write(LambdaHttpSamples.v2(function, sample, true));
                break;
            case "alb":
                body = write(LambdaHttpSamples.alb(function, sample));
                break;
            case "sqs":
                body = write(LambdaSampleEvents.sqs(function, sample));
                break;
            case "sns":
                body = write(LambdaSampleEvents.sns(function, sample));
                break;
            case "kinesis":
                body = write(LambdaSampleEvents.kinesis(function, sample));
                break;
            case "dynamodb":
                body = write(LambdaSampleEvents.dynamoDb(function, sample));
                break;
            case "s3":
                body = write(LambdaSampleEvents.s3(function, sample));
                break;
            case "eventbridge":
                body = write(LambdaSampleEvents.eventBridge(function, sample));
                break;
            default:
                throw new IllegalArgumentException("Unknown AWS Lambda event kind '" + eventKind + "'; the kinds are "
                        + KINDS.stream().map(EventKind::id).toList() + ".");
        }
        return new Request(Map.of(), body);
    }

    /**
     * Runs the binding's handler for the function in the calling thread, which it blocks until the reply.
     */
    @Override
    public Reply send(String function, Request request) {
        String requestId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(lambdaTimeout());
        int memory = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.functions.amazon-lambda.sam.memory-size", Integer.class).orElse(DEFAULT_MEMORY_MB);
        InProcessContext context = new InProcessContext(requestId, function, deadline, memory);
        byte[] event = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("x-amzn-requestid", requestId);
        headers.put("x-amz-executed-version", "$LATEST");
        try {
            handler.handleRequest(new ByteArrayInputStream(event), output, context, function);
        } catch (FunctionFailedException e) {
            return failed(headers, e.getClass().getName(), e.getMessage(), requestId);
        } catch (RuntimeException | IOException e) {
            // as the poll loop reports a failure of the binding itself: an internal failure, the cause in the log
            LOG.errorf(e, "Request %s: the handler failed", requestId);
            FunctionError error = Errors.internal(requestId);
            return failed(headers, FunctionFailedException.InternalFailure.class.getName(),
                    "[" + error.code() + "] " + error.detailWithViolations() + " (request " + requestId + ")", requestId);
        }
        String body = output.size() == 0 ? null : output.toString(StandardCharsets.UTF_8);
        return new Reply(200, headers, body, requestId);
    }

    /**
     * What the runtime posts to {@code /error} and {@code Invoke} then answers: the class name as {@code errorType}, as
     * both AWS's runtime interface client and Quarkus's poll loop send it, and the message as {@code errorMessage}.
     */
    private Reply failed(Map<String, String> headers, String errorType, String errorMessage, String requestId) {
        headers.put("x-amz-function-error", "Unhandled");
        ObjectNode error = mapper.createObjectNode().put("errorType", errorType).put("errorMessage", errorMessage);
        return new Reply(200, headers, write(error), requestId);
    }

    /**
     * @return the Lambda timeout the SAM templates give the function,
     */
    private Duration lambdaTimeout() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.functions.amazon-lambda.sam.timeout", Duration.class)
                .orElse(DEFAULT_TIMEOUT);
    }

    /**
     * The generated handler's simple name without {@code Handler}: the function name in upper camel case, letters and
     * digits only, as {@code SamTemplateProcessor.logicalId} writes it.
     */
    static String handlerName(String function) {
        StringBuilder name = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return name.toString();
    }

    private String write(JsonNode event) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a sample Lambda event", e);
        }
    }
}
