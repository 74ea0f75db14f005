package io.quarkiverse.functions.runtime;

/**
 * What one invocation produced: the JSON of the function's result, or a classified {@link FunctionError}. Bindings
 * turn it into the platform's reply.
 */
public final class Outcome {

    private final String requestId;
    private final String functionName;
    private final byte[] body;
    private final FunctionError error;

    private Outcome(String requestId, String functionName, byte[] body, FunctionError error) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.body = body;
        this.error = error;
    }

    public static Outcome success(String requestId, String functionName, byte[] json) {
        return new Outcome(requestId, functionName, json, null);
    }

    public static Outcome failure(String requestId, String functionName, FunctionError error) {
        return new Outcome(requestId, functionName, null, error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /**
     * @return the JSON of the result, or {@code null} when the function returns nothing ({@code void})
     */
    public byte[] body() {
        return body;
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
