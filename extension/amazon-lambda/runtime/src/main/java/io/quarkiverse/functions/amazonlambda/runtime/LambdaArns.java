package io.quarkiverse.functions.amazonlambda.runtime;

/**
 * The function's ARN as OpenTelemetry's {@code cloud.resource_id} wants it: the invoked ARN with the version Lambda
 * resolved in place of an alias, since an alias is not the code that runs. A process serves one function, so the
 * last answer is kept.
 */
final class LambdaArns {

    private final String version;
    /** The last invoked ARN and its resolved form, replaced together. */
    private volatile String[] last = new String[2];

    /**
     * @param version {@code AWS_LAMBDA_FUNCTION_VERSION}, or {@code null}
     */
    LambdaArns(String version) {
        this.version = version == null || version.isEmpty() ? null : version;
    }

    /**
     * @param invoked {@code arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]}, or {@code null}
     * @return the resolved ARN, or {@code null}
     */
    String resolve(String invoked) {
        if (invoked == null) {
            return null;
        }
        String[] cached = last;
        if (invoked.equals(cached[0])) {
            return cached[1];
        }
        String resolved = invoked;
        if (invoked.split(":").length == 8) {
            String base = invoked.substring(0, invoked.lastIndexOf(':'));
            resolved = version == null ? base : base + ":" + version;
        }
        last = new String[] { invoked, resolved };
        return resolved;
    }
}
