package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;

/**
 * The handler to name on AWS's managed Java runtime:
 * {@code io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler::handleRequest}.
 * <p>
 * Unlike Quarkus's {@code QuarkusStreamHandler}, it starts the application in Lambda's init phase, not on the first
 * request: init runs with a full CPU and is not billed as request time, and a bad configuration (an export that names
 * no function) is reported to {@code /runtime/init/error} before any event is taken.
 */
public class FunctionsStreamHandler implements RequestStreamHandler {

    private final RequestStreamHandler delegate;

    public FunctionsStreamHandler() {
        try {
            Quarkus.manualInitialize();
            Quarkus.manualStart();
            delegate = Arc.container().instance(FunctionsLambdaHandler.class).get();
        } catch (RuntimeException e) {
            // Quarkus wraps the cause in "Quarkus manual initialization failed": report what actually failed
            throw new InitFailedException(rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /**
     * Lambda's init phase failed; the runtime reports it to {@code /runtime/init/error} with this message.
     */
    public static final class InitFailedException extends RuntimeException {
        InitFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        delegate.handleRequest(input, output, context);
    }
}
