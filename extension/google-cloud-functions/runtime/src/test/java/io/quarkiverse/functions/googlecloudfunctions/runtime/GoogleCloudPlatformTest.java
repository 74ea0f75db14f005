package io.quarkiverse.functions.googlecloudfunctions.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.runtime.Invocation;

class GoogleCloudPlatformTest {

    private static final Instant RECEIVED = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void theTimeoutComesFromTheVariableGoogleCloudSets() {
        GoogleCloudPlatform platform = new GoogleCloudPlatform(config(null, null), Map.of("CLOUD_RUN_TIMEOUT_SECONDS", "30"));
        assertThat(platform.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(invocation(platform).platformDeadline()).isEqualTo(RECEIVED.plusSeconds(30));
    }

    @Test
    void configuredTimeoutWins() {
        GoogleCloudPlatform platform = new GoogleCloudPlatform(config(Duration.ofSeconds(5), null),
                Map.of("CLOUD_RUN_TIMEOUT_SECONDS", "30"));
        assertThat(platform.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutTimeoutThereIsNoPlatformDeadline() {
        GoogleCloudPlatform platform = new GoogleCloudPlatform(config(null, null), Map.of());
        assertThat(invocation(platform).platformDeadline()).isNull();
    }

    @Test
    void aTimeoutVariableThatIsNoNumberStopsStartUp() {
        assertThatThrownBy(() -> new GoogleCloudPlatform(config(null, null), Map.of("CLOUD_RUN_TIMEOUT_SECONDS", "soon")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The environment variable CLOUD_RUN_TIMEOUT_SECONDS is 'soon', not a positive number of "
                        + "seconds. Unset it, or set quarkus.functions.google-cloud-functions.request-timeout.");
    }

    @Test
    void theTraceIsWrittenForCloudLoggingWhenTheProjectIsKnown() {
        GoogleCloudPlatform fromEnvironment = new GoogleCloudPlatform(config(null, null),
                Map.of("GOOGLE_CLOUD_PROJECT", "my-project"));
        // the invoker appends the invocation's trace id (its span's when traced)
        assertThat(invocation(fromEnvironment).logTracePrefix()).isEqualTo("projects/my-project/traces/");
        assertThat(fromEnvironment.cloudLoggingTrace("abc123")).isEqualTo("projects/my-project/traces/abc123");
        assertThat(fromEnvironment.cloudLoggingTrace(null)).isNull();

        GoogleCloudPlatform legacyVariable = new GoogleCloudPlatform(config(null, null), Map.of("GCP_PROJECT", "old"));
        assertThat(legacyVariable.cloudLoggingTrace("t")).isEqualTo("projects/old/traces/t");

        GoogleCloudPlatform configured = new GoogleCloudPlatform(config(null, "configured"),
                Map.of("GOOGLE_CLOUD_PROJECT", "my-project"));
        assertThat(configured.cloudLoggingTrace("t")).isEqualTo("projects/configured/traces/t");

        GoogleCloudPlatform unknown = new GoogleCloudPlatform(config(null, null), Map.of());
        assertThat(invocation(unknown).logTracePrefix()).isNull();
        assertThat(unknown.cloudLoggingTrace("abc123")).isNull();
    }

    @Test
    void theExecutionIdIsTheRequestId() {
        GoogleCloudPlatform platform = new GoogleCloudPlatform(config(null, null), Map.of());
        assertThat(platform.requestId(Map.of("function-execution-id", "q1w2e3", "x-request-id", "mine"))).isEqualTo("q1w2e3");
        assertThat(platform.requestId(Map.of("x-request-id", "mine"))).isEqualTo("mine");
        assertThat(platform.requestId(Map.of("function-execution-id", "not safe\n"))).hasSize(36);
    }

    private static Invocation invocation(GoogleCloudPlatform platform) {
        Invocation.Builder builder = Invocation.builder(Platform.GOOGLE_CLOUD_FUNCTIONS, "f", "r");
        platform.addTo(builder, RECEIVED);
        return builder.build();
    }

    private static GoogleCloudFunctionsRuntimeConfig config(Duration timeout, String project) {
        return new GoogleCloudFunctionsRuntimeConfig() {
            @Override
            public ClientErrorPolicy eventClientErrors() {
                return ClientErrorPolicy.ACKNOWLEDGE;
            }

            @Override
            public Optional<Duration> requestTimeout() {
                return Optional.ofNullable(timeout);
            }

            @Override
            public Optional<String> projectId() {
                return Optional.ofNullable(project);
            }
        };
    }
}
