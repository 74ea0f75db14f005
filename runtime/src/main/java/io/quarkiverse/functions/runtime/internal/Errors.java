package io.quarkiverse.functions.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import io.quarkiverse.functions.ClientException;
import io.quarkiverse.functions.TransientException;
import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionError.Violation;
import io.quarkus.runtime.LaunchMode;

/**
 * The error table: turns what a function threw into a {@link FunctionError} whose texts are safe to send.
 */
public final class Errors {

    public static final String FUNCTION_NOT_FOUND = "function-not-found";
    public static final String MALFORMED_JSON = "malformed-json";
    public static final String INVALID_INPUT = "invalid-input";
    public static final String MISSING_INPUT = "missing-input";
    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String INVALID_CLOUDEVENT = "invalid-cloudevent";
    public static final String TRANSIENT_ERROR = "transient-error";
    public static final String DEADLINE_EXCEEDED = "deadline-exceeded";
    public static final String INTERNAL_ERROR = "internal-error";
    public static final String IDEMPOTENCY_KEY_MISSING = "idempotency-key-missing";
    public static final String IDEMPOTENCY_KEY_REUSED = "idempotency-key-reused";
    public static final String IDEMPOTENCY_IN_PROGRESS = "idempotency-in-progress";
    public static final String IDEMPOTENCY_STORE_UNAVAILABLE = "idempotency-store-unavailable";
    public static final String INVOCATION_CANCELLED = "invocation-cancelled";

    private Errors() {
    }

    static FunctionError classify(Throwable failure, String requestId) {
        Throwable t = unwrap(failure);
        if (t instanceof InputRejectedException rejected) {
            return rejected.error;
        }
        if (t instanceof ClientException client) {
            return FunctionError.client(client.status(), client.code(), title(client.status()), client.getMessage());
        }
        if (t instanceof TransientException transientError) {
            return new FunctionError(Kind.TRANSIENT, 503, TRANSIENT_ERROR, title(503), transientError.getMessage(),
                    transientError.retryAfter().orElse(null), List.of());
        }
        if (t instanceof ConstraintViolationException violations) {
            return validationFailed(toViolations(violations));
        }
        return internal(requestId);
    }

    /**
     * The internal error every platform answers: a fixed message with the request id, never the failure's own.
     */
    public static FunctionError internal(String requestId) {
        return new FunctionError(Kind.INTERNAL, 500, INTERNAL_ERROR, title(500),
                "The function failed. Quote request id " + requestId + " when reporting it.", null, List.of());
    }

    static FunctionError deadlineExceeded(String functionName, Duration budget) {
        return new FunctionError(Kind.DEADLINE, 504, DEADLINE_EXCEEDED, title(504),
                "Function '" + functionName + "' did not finish within " + budget.toMillis() + " ms.", null, List.of());
    }

    public static FunctionError functionNotFound(String functionName) {
        return FunctionError.client(404, FUNCTION_NOT_FOUND, title(404), "No function is named '" + printable(functionName) + "'.");
    }

    /**
     * In dev mode the answer lists the functions there are, as Quarkus's own 404 page lists endpoints; a deployed
     * function does not tell callers what else it serves.
     */
    public static FunctionError functionNotFound(String functionName, Collection<String> functions) {
        FunctionError error = functionNotFound(functionName);
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            return error;
        }
        return FunctionError.client(error.status(), error.code(), error.title(),
                error.detail() + " Functions: " + new TreeSet<>(functions) + " (listed in dev mode only).");
    }

    /**
     * The caller stopped waiting before the outcome (an HTTP client that went away): nobody reads this error, the
     * invocation's telemetry records it. Transient: the same call may well succeed.
     */
    public static FunctionError cancelled() {
        return new FunctionError(Kind.TRANSIENT, 503, INVOCATION_CANCELLED, title(503),
                "The caller stopped waiting before the function finished.", null, List.of());
    }

    public static FunctionError payloadTooLarge(long limit) {
        return FunctionError.client(413, PAYLOAD_TOO_LARGE, title(413),
                "The input is larger than the limit of " + limit + " bytes.");
    }

    public static FunctionError methodNotAllowed(String method, String allowed) {
        return FunctionError.client(405, METHOD_NOT_ALLOWED, title(405),
                "Method " + printable(method) + " is not allowed here; use " + allowed + ".");
    }

    public static FunctionError invalidCloudEvent(String detail) {
        return FunctionError.client(400, INVALID_CLOUDEVENT, title(400), "The request is not a valid CloudEvent: " + detail);
    }

    static FunctionError validationFailed(List<Violation> violations) {
        return new FunctionError(Kind.CLIENT, 400, VALIDATION_FAILED, title(400),
                "The input violates " + violations.size() + (violations.size() == 1 ? " constraint." : " constraints."),
                null, violations);
    }

    private static List<Violation> toViolations(ConstraintViolationException e) {
        List<Violation> violations = new ArrayList<>();
        if (e.getConstraintViolations() != null) {
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                violations.add(new Violation(String.valueOf(violation.getPropertyPath()), violation.getMessage()));
            }
        }
        violations.sort((a, b) -> a.field().compareTo(b.field()));
        return violations;
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof java.lang.reflect.InvocationTargetException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * Keeps caller-supplied text printable and short before it is echoed in a problem.
     */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    public static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 409:
                return "Conflict";
            case 410:
                return "Gone";
            case 413:
                return "Content Too Large";
            case 415:
                return "Unsupported Media Type";
            case 422:
                return "Unprocessable Content";
            case 429:
                return "Too Many Requests";
            case 500:
                return "Internal Server Error";
            case 503:
                return "Service Unavailable";
            case 504:
                return "Gateway Timeout";
            default:
                return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
