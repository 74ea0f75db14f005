package io.quarkiverse.functions.runtime;

/**
 * What one invocation produced: the function's result as JSON, text or bytes (see {@link PayloadType}), or a classified
 * {@link FunctionError}. Bindings turn it into the platform's reply.
 */
public final class Outcome {

    private final String requestId;
    private final String functionName;
    private final byte[] body;
    private final PayloadType payloadType;
    private final FunctionError error;
    private final boolean replayed;

    private Outcome(String requestId, String functionName, byte[] body, PayloadType payloadType, FunctionError error,
            boolean replayed) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.body = body;
        this.payloadType = payloadType;
        this.error = error;
        this.replayed = replayed;
    }

    public static Outcome success(String requestId, String functionName, byte[] json) {
        return new Outcome(requestId, functionName, json, PayloadType.JSON, null, false);
    }

    /**
     * @param body the result's JSON, UTF-8 text or bytes, or {@code null} when there is none
     * @param payloadType what the body is
     */
    public static Outcome success(String requestId, String functionName, byte[] body, PayloadType payloadType) {
        return new Outcome(requestId, functionName, body, payloadType, null, false);
    }

    public static Outcome failure(String requestId, String functionName, FunctionError error) {
        return new Outcome(requestId, functionName, null, PayloadType.JSON, error, false);
    }

    /**
     * The recorded outcome of an earlier delivery with the same idempotency key, answered without running the function.
     */
    public static Outcome replay(String requestId, String functionName, byte[] body, PayloadType payloadType,
            FunctionError error) {
        return new Outcome(requestId, functionName, body, payloadType, error, true);
    }

    /**
     * @return whether this is an earlier delivery's recorded outcome, the function not run again (idempotency)
     */
    public boolean isReplayed() {
        return replayed;
    }

    public boolean isSuccess() {
        return error == null;
    }

    /**
     * @return the result (JSON, UTF-8 text or bytes, as {@link #payloadType()} says), or {@code null} when the function
     *         returns nothing ({@code void})
     */
    public byte[] body() {
        return body;
    }

    /**
     * @return what {@link #body()} is: JSON, text ({@code String} result) or bytes ({@code byte[]} result)
     */
    public PayloadType payloadType() {
        return payloadType;
    }

    /**
     * @return the failure, or {@code null} on success
     */
    public FunctionError error() {
        return error;
    }

    public String requestId() {
        return requestId;
    }

    /**
     * @return the function's name, or {@code null} when no function was found
     */
    public String functionName() {
        return functionName;
    }
}
