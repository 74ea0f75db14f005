package io.quarkiverse.functions.runtime;

import java.time.Duration;
import java.util.List;

/**
 * A classified failure, produced by the {@link FunctionInvoker} and encoded by each binding with the error table of
 * the design. Its texts are safe to send: never a stack trace, a class name or an exception message of an internal
 * error.
 *
 * @param kind how the platform should treat it (retry or not)
 * @param status the HTTP status of the error table
 * @param code a stable machine-readable code, for example {@code malformed-json}
 * @param title a short summary of the kind of problem
 * @param detail what went wrong with this request
 * @param retryAfter when to retry, for transient errors, or {@code null}
 * @param violations the input constraint violations, empty unless {@code code} is {@code validation-failed}
 */
public record FunctionError(Kind kind, int status, String code, String title, String detail, Duration retryAfter,
        List<Violation> violations) {

    /**
     * How a failure is to be treated: the rows of the error table.
     */
    public enum Kind {
        /** Bad input, a validation failure, an unknown function: never retried. */
        CLIENT,
        /** Retry later. */
        TRANSIENT,
        /** The deadline passed: retry later. */
        DEADLINE,
        /** Anything else. */
        INTERNAL;

        /**
         * @return whether a platform that retries should retry
         */
        public boolean retryable() {
            return this != CLIENT;
        }
    }

    /**
     * One violated input constraint.
     *
     * @param field the property path, for example {@code name} or {@code [1].quantity}
     * @param message the constraint message
     */
    public record Violation(String field, String message) {
    }

    /**
     * The detail followed by each violated constraint, for platforms whose error is one message (a Lambda error, a
     * poison-record log line): {@code The input violates 2 constraints: name: must not be blank; [1].quantity: must be
     * greater than 0.}
     */
    public String detailWithViolations() {
        if (violations == null || violations.isEmpty()) {
            return detail;
        }
        StringBuilder text = new StringBuilder(detail.endsWith(".") ? detail.substring(0, detail.length() - 1) : detail);
        text.append(": ");
        for (int i = 0; i < violations.size(); i++) {
            Violation violation = violations.get(i);
            text.append(i == 0 ? "" : "; ").append(violation.field()).append(": ").append(violation.message());
        }
        return text.append('.').toString();
    }

    public static FunctionError client(int status, String code, String title, String detail) {
        return new FunctionError(Kind.CLIENT, status, code, title, detail, null, List.of());
    }
}
