package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

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
 * so the cache trained at build time holds its classes. It is the aws-lambda-go loop: fetch, invoke, post. It is
 * hand-written on {@link HttpURLConnection} because the runtime client's loop cannot be used without its class loader,
 * and {@code java.net.http} would add its module and about 300 classes to every cold start.
 */
final class CustomRuntimePollLoop {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");
    private static final String BASE = "/2018-06-01/runtime/";

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
        try {
            URL next = URI.create("http://" + api + BASE + "invocation/next").toURL();
            while (!Thread.currentThread().isInterrupted()) {
                HttpURLConnection request = (HttpURLConnection) next.openConnection();
                String requestId = request.getHeaderField("Lambda-Runtime-Aws-Request-Id");
                String deadline = request.getHeaderField("Lambda-Runtime-Deadline-Ms");
                String arn = request.getHeaderField("Lambda-Runtime-Invoked-Function-Arn");
                String trace = request.getHeaderField("Lambda-Runtime-Trace-Id");
                byte[] payload = request.getInputStream().readAllBytes();
                if (trace != null) {
                    System.setProperty("com.amazonaws.xray.traceHeader", trace);
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                InvocationContext context = new InvocationContext(requestId,
                        deadline == null ? 0 : Long.parseLong(deadline), arn);
                String invocation = "invocation/" + requestId + "/";
                try {
                    handler.handleRequest(new ByteArrayInputStream(payload), output, context);
                    post(api, invocation + "response", output.toByteArray(), null);
                } catch (FunctionFailedException e) {
                    post(api, invocation + "error", error(mapper, e.getClass().getName(), e.getMessage()),
                            "Function." + e.getClass().getSimpleName());
                } catch (RuntimeException | IOException e) {
                    LOG.errorf(e, "Request %s: the handler failed", requestId);
                    FunctionFailedException internal = FunctionFailedException.of(Errors.internal(requestId), requestId);
                    post(api, invocation + "error", error(mapper, internal.getClass().getName(), internal.getMessage()),
                            "Function." + internal.getClass().getSimpleName());
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
        post(api, "init/error", body, "Runtime.BadFunctionCode");
    }

    private static byte[] error(ObjectMapper mapper, String type, String message) throws IOException {
        ObjectNode error = mapper.createObjectNode().put("errorMessage", message).put("errorType", type);
        error.putArray("stackTrace");
        return mapper.writeValueAsBytes(error);
    }

    private static void post(String api, String endpoint, byte[] body, String errorType) throws IOException {
        HttpURLConnection post = (HttpURLConnection) URI.create("http://" + api + BASE + endpoint)
                .toURL().openConnection();
        post.setRequestMethod("POST");
        post.setDoOutput(true);
        if (errorType != null) {
            post.setRequestProperty("Lambda-Runtime-Function-Error-Type", errorType);
            post.setRequestProperty("Content-Type", "application/json");
        }
        try (OutputStream out = post.getOutputStream()) {
            out.write(body);
        }
        post.getInputStream().readAllBytes();
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
