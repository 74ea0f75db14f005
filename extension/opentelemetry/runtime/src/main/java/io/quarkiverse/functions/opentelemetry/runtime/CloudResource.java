package io.quarkiverse.functions.opentelemetry.runtime;

import java.util.Map;

import io.quarkiverse.functions.FunctionContext.Platform;

/**
 * The cloud a process runs in, as OpenTelemetry's {@code cloud.*} attributes name it, read once from the environment
 * each platform sets.
 *
 * @param provider {@code aws}, {@code gcp}, or {@code null} when unknown
 * @param platform {@code aws_lambda}, {@code gcp_cloud_functions}, {@code gcp_cloud_run}, or {@code null}
 * @param region the region, or {@code null}
 */
record CloudResource(String provider, String platform, String region) {

    static CloudResource detect(Platform platform, Map<String, String> env) {
        switch (platform) {
            case AMAZON_LAMBDA:
                return new CloudResource("aws", "aws_lambda", env.get("AWS_REGION"));
            case GOOGLE_CLOUD_FUNCTIONS:
                return new CloudResource("gcp", "gcp_cloud_functions", env.get("FUNCTION_REGION"));
            default:
                // Cloud Run and Knative set K_SERVICE; Cloud Run's region is not in its environment
                if (env.get("K_SERVICE") != null && env.get("GOOGLE_CLOUD_PROJECT") != null) {
                    return new CloudResource("gcp", "gcp_cloud_run", env.get("GOOGLE_CLOUD_REGION"));
                }
                if (env.get("AWS_REGION") != null && env.get("AWS_LAMBDA_FUNCTION_NAME") != null) {
                    return new CloudResource("aws", "aws_lambda", env.get("AWS_REGION"));
                }
                return new CloudResource(null, null, null);
        }
    }
}
