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

    private final FunctionsLambdaHandler delegate;
    private final String function;

    public FunctionsStreamHandler() {
        this(null);
    }

    /**
     * For the handler classes generated at build time, one per function
     * ({@code io.quarkiverse.functions.amazonlambda.handlers.GreetHandler::handleRequest}), so that one artifact deploys
     * as many Lambda functions on the managed runtime without any setting.
     *
     * @param function the function this handler serves, or {@code null} for {@code quarkus.functions.export}
     */
    protected FunctionsStreamHandler(String function) {
        this.function = function;
        try {
            Quarkus.manualInitialize();
            Quarkus.manualStart();
            delegate = Arc.container().instance(FunctionsLambdaHandler.class).get();
        } catch (RuntimeException e) {
            // Quarkus wraps the cause in "Quarkus manual initialization failed": report what actually failed
            throw new InitFailedException(rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable failure) {
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
        if (function == null) {
            delegate.handleRequest(input, output, context);
        } else {
            delegate.handleRequest(input, output, context, function);
        }
    }
}
