package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of the Google Cloud Functions binding.
 */
@ConfigMapping(prefix = "quarkus.functions.google-cloud-functions")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface GoogleCloudFunctionsRuntimeConfig {

    /**
     * What the event entry point answers when the function rejects an event as a client error (bad input, a
     * validation failure, a {@code ClientException}). {@code acknowledge} answers {@code 204} and logs the event as
     * poison at WARN, so that it is not delivered again. {@code reject} answers the error's own {@code 4xx}, which
     * Eventarc and Pub/Sub push may deliver again. Malformed or invalid events are always answered {@code 400}.
     */
    @WithDefault("acknowledge")
    ClientErrorPolicy eventClientErrors();

    /**
     * The function's request timeout on Google Cloud. Each invocation's deadline is then the earlier of this and the
     * function's own timeout, less {@code quarkus.functions.deadline-safety-margin}. When not set, the environment
     * variable {@code CLOUD_RUN_TIMEOUT_SECONDS}, which Google Cloud sets, is used; without either, only the
     * function's own timeout applies.
     */
    Optional<Duration> requestTimeout();

    /**
     * The Google Cloud project id, used to write the trace of each log line as Cloud Logging expects it:
     * {@code projects/<project-id>/traces/<trace-id>}. When not set, the environment variables
     * {@code GOOGLE_CLOUD_PROJECT} and then {@code GCP_PROJECT} are used; without any, log lines carry no trace.
     */
    Optional<String> projectId();

    /**
     * What to do with an event that the function rejects as a client error.
     */
    enum ClientErrorPolicy {
        /** Answer {@code 204} and log the event as poison: it is not retried. */
        ACKNOWLEDGE,
        /** Answer the error's {@code 4xx}. */
        REJECT
    }
}
