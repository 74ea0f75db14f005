package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.internal.Errors;

/**
 * The Runtime API loop of the JVM custom runtime ({@code function-jvm-custom-runtime.zip}), run by
 * {@link CustomRuntimeMain} on the main thread once the application has started.
 * <p>
 * Quarkus's own poll loop only runs in native executables, and AWS's runtime interface client loads the application
 * through its own class loader, which an AOT cache does not cover: this loop runs the application on the class path,
 * so the cache trained at build time holds its classes. It is the aws-lambda-go loop: fetch, invoke, post, over
 * {@link RuntimeApiClient}, one kept-alive connection (the runtime client's loop cannot be used without its class
 * loader, and {@code java.net.http} would add its module and about 300 classes to every cold start).
 */
final class CustomRuntimePollLoop {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");

    private final String api;
    private final FunctionsLambdaHandler handler;
    private final ObjectMapper mapper;

    CustomRuntimePollLoop(String api, FunctionsLambdaHandler handler, ObjectMapper mapper) {
        this.api = api;
        this.handler = handler;
        this.mapper = mapper;
    }

    /**
     * Serves events until the Runtime API goes away, which on Lambda is when the sandbox ends.
     */
    void run() {
        try (RuntimeApiClient client = new RuntimeApiClient(api)) {
            Output output = new Output();
            while (!Thread.currentThread().isInterrupted()) {
                RuntimeApiClient.Event event = client.next();
                String requestId = event.requestId;
                if (event.traceId != null) {
                    System.setProperty("com.amazonaws.xray.traceHeader", event.traceId);
                }
                output.reset();
                InvocationContext context = new InvocationContext(requestId, event.deadlineMillis, event.functionArn);
                String invocation = "invocation/" + requestId + "/";
                try {
                    handler.handleRequest(new ByteArrayInputStream(event.body, 0, event.length), output, context);
                    client.post(invocation + "response", null, output.buffer(), 0, output.size());
                } catch (FunctionFailedException e) {
                    byte[] error = error(mapper, e.getClass().getName(), e.getMessage());
                    client.post(invocation + "error", "Function." + e.getClass().getSimpleName(), error, 0, error.length);
                } catch (RuntimeException | IOException e) {
                    LOG.errorf(e, "Request %s: the handler failed", requestId);
                    FunctionFailedException internal = FunctionFailedException.of(Errors.internal(requestId), requestId);
                    byte[] error = error(mapper, internal.getClass().getName(), internal.getMessage());
                    client.post(invocation + "error", "Function." + internal.getClass().getSimpleName(), error, 0,
                            error.length);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf("The Lambda poll loop stopped: %s", e.toString());
        }
    }

    /**
     * Reports a failed start to {@code /runtime/init/error}, as the runtime interface client does for a handler that
     * cannot be constructed: the same header, and the same body as {@link FunctionsStreamHandler}'s failure gives.
     */
    static void initError(String api, String message) throws IOException {
        // the application's mapper may be what failed to start: a plain one, for this one message
        byte[] body = error(new ObjectMapper(), FunctionsStreamHandler.InitFailedException.class.getName(),
                message == null ? "The application failed to start; its log says why." : message);
        try (RuntimeApiClient client = new RuntimeApiClient(api)) {
            client.post("init/error", "Runtime.BadFunctionCode", body, 0, body.length);
        }
    }

    private static byte[] error(ObjectMapper mapper, String type, String message) throws IOException {
        ObjectNode error = mapper.createObjectNode().put("errorMessage", message).put("errorType", type);
        error.putArray("stackTrace");
        return mapper.writeValueAsBytes(error);
    }

    /** The response of one invocation, in a buffer kept from one invocation to the next. */
    private static final class Output extends ByteArrayOutputStream {
        Output() {
            super(8192);
        }

        byte[] buffer() {
            return buf;
        }
    }

    /**
     * The {@link Context} of one invocation, from the Runtime API's headers.
     */
    private record InvocationContext(String requestId, long deadlineMillis, String arn) implements Context {

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return arn;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return deadlineMillis == 0 ? 0 : (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            return memory == null ? 0 : Integer.parseInt(memory);
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
