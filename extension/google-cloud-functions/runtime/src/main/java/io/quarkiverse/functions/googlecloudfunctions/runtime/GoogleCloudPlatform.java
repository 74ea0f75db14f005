package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;

/**
 * What Google Cloud tells an invocation, beyond its payload: the execution id, the request timeout and the project
 * that Cloud Logging traces belong to. Read once, at start-up.
 */
@Singleton
public class GoogleCloudPlatform {

    /** The header carrying the execution id, which Cloud Logging shows on the platform's own lines. */
    public static final String EXECUTION_ID = "function-execution-id";
    static final String TIMEOUT_VARIABLE = "CLOUD_RUN_TIMEOUT_SECONDS";

    private final Duration requestTimeout;
    private final String tracePrefix;

    @Inject
    GoogleCloudPlatform(GoogleCloudFunctionsRuntimeConfig config) {
        this(config, System.getenv());
    }

    GoogleCloudPlatform(GoogleCloudFunctionsRuntimeConfig config, Map<String, String> environment) {
        this.requestTimeout = config.requestTimeout().orElseGet(() -> timeoutFrom(environment.get(TIMEOUT_VARIABLE)));
        String project = config.projectId()
                .or(() -> Optional.ofNullable(environment.get("GOOGLE_CLOUD_PROJECT")))
                .or(() -> Optional.ofNullable(environment.get("GCP_PROJECT")))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .orElse(null);
        this.tracePrefix = project == null ? null : "projects/" + project + "/traces/";
    }

    private static Duration timeoutFrom(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.trim());
            if (value > 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("The environment variable " + TIMEOUT_VARIABLE + " is '" + Errors.printable(seconds)
                + "', not a positive number of seconds. Unset it, or set quarkus.functions.google-cloud-functions"
                + ".request-timeout.");
    }

    /**
     * @param headers the request headers, names in lower case
     * @return the request id: the execution id Google Cloud gives, else the caller's {@code X-Request-Id}, else a new
     *         one
     */
    public String requestId(Map<String, String> headers) {
        String executionId = headers.get(EXECUTION_ID);
        return HttpDispatcher.requestId(executionId != null ? executionId : headers.get("x-request-id"));
    }

    /**
     * Adds the platform's deadline and the Cloud Logging trace to an invocation: its log lines name its trace (the
     * span's when it is traced) as {@code projects/<project>/traces/<trace id>}.
     *
     * @param received when the request arrived: the platform's timeout runs from then
     */
    public void addTo(Invocation.Builder invocation, Instant received) {
        if (requestTimeout != null) {
            invocation.platformDeadline(received.plus(requestTimeout));
        }
        invocation.logTracePrefix(tracePrefix);
    }

    /**
     * @return the trace as Cloud Logging's {@code logging.googleapis.com/trace} field wants it, or {@code null}
     */
    String cloudLoggingTrace(String traceId) {
        return tracePrefix == null || traceId == null ? null : tracePrefix + traceId;
    }

    /**
     * @return the request timeout, or {@code null} when neither the configuration nor the platform gives one
     */
    Duration requestTimeout() {
        return requestTimeout;
    }
}
