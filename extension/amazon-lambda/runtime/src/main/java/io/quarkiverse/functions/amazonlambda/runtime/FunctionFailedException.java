package io.quarkiverse.functions.amazonlambda.runtime;

import io.quarkiverse.functions.runtime.FunctionError;

/**
 * Reported to Lambda's {@code /error} endpoint for a direct invocation. The runtime (AWS's runtime interface client or
 * Quarkus's poll loop) sends the class name as {@code errorType} and the message as {@code errorMessage}: the
 * subclasses name the kind of the error table, and the message is the safe problem detail, with its code, the violated
 * constraints and the request id. No stack trace: frames of the binding say nothing to a caller.
 */
public abstract class FunctionFailedException extends RuntimeException {

    private final transient FunctionError error;

    FunctionFailedException(FunctionError error, String requestId) {
        super("[" + error.code() + "] " + error.detailWithViolations() + " (request " + requestId + ")", null, false, false);
        this.error = error;
    }

    public FunctionError error() {
        return error;
    }

    static FunctionFailedException of(FunctionError error, String requestId) {
        switch (error.kind()) {
            case CLIENT:
                return new ClientError(error, requestId);
            case TRANSIENT:
                return new TransientError(error, requestId);
            case DEADLINE:
                return new DeadlineExceeded(error, requestId);
            default:
                return new InternalFailure(error, requestId);
        }
    }

    /** Bad input, validation, unknown function: do not retry. */
    public static final class ClientError extends FunctionFailedException {
        ClientError(FunctionError error, String requestId) {
            super(error, requestId);
        }
    }

    /** Retry later. */
    public static final class TransientError extends FunctionFailedException {
        TransientError(FunctionError error, String requestId) {
            super(error, requestId);
        }
    }

    /** The function did not finish before its deadline. */
    public static final class DeadlineExceeded extends FunctionFailedException {
        DeadlineExceeded(FunctionError error, String requestId) {
            super(error, requestId);
        }
    }

    /** Anything else; details are in the log under the request id. */
    public static final class InternalFailure extends FunctionFailedException {
        InternalFailure(FunctionError error, String requestId) {
            super(error, requestId);
        }
    }
}
