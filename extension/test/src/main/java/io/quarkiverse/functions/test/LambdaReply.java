package io.quarkiverse.functions.test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Lambda's {@code Invoke} API answers for an event: the function's output, or the error the runtime reported.
 *
 * @param payload the handler's output (a direct invocation's result, a partial batch response, an HTTP response
 *        event), or the error document {@code {"errorType", "errorMessage"}} of a failed invocation; {@code null} when
 *        the handler wrote nothing (an SNS, S3 or EventBridge event handled)
 * @param functionError {@code Unhandled} when the invocation failed (the {@code X-Amz-Function-Error} header), else
 *        {@code null}
 * @param requestId the invocation's request id, which its log lines carry (a record's:
 *        {@code <request id>/<record id>})
 */
public record LambdaReply(String payload, String functionError, String requestId) {

    /**
     * @return whether the invocation failed, and Lambda reported an error to the caller (and retries an asynchronous
     *         event)
     */
    public boolean isError() {
        return functionError != null;
    }

    /**
     * @return the payload read as JSON
     */
    public JsonNode json() {
        return Consoles.read(payload == null ? "null" : payload, "the Lambda reply");
    }

    /**
     * @return the error's type, as the runtime reports it (for example
     *         {@code io.quarkiverse.functions.amazonlambda.runtime.FunctionFailedException$ClientError}), or
     *         {@code null} when the invocation succeeded
     */
    public String errorType() {
        return isError() ? json().path("errorType").asText(null) : null;
    }

    /**
     * @return the error's message, or {@code null} when the invocation succeeded
     */
    public String errorMessage() {
        return isError() ? json().path("errorMessage").asText(null) : null;
    }
}
