package io.quarkiverse.functions.http.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the HTTP binding.
 */
@ConfigMapping(prefix = "quarkus.functions.http")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface FunctionsHttpBuildTimeConfig {

    /**
     * Path under which functions are served: {@code POST <root-path><function>}, and CloudEvents on
     * {@code POST <root-path>}. Set it, for example to {@code /fn/}, when the application also has JAX-RS endpoints.
     */
    @WithDefault("/")
    String rootPath();
}
