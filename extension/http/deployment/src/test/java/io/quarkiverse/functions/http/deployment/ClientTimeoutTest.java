package io.quarkiverse.functions.http.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.http.runtime.FunctionsHttpRuntimeConfig;
import io.quarkiverse.functions.http.runtime.FunctionsHttpServerOptions;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The client timeout's default and its deadline rule; that the server closes a stalled or trickling client at the
 * timeout it is given is shown on the packaged application ({@code PackagedAppServerIT}).
 */
class ClientTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.\"report\".timeout", "90s");

    @Inject
    FunctionsHttpRuntimeConfig http;

    @Inject
    FunctionsRuntimeConfig functions;

    @Test
    void sixtySecondsByDefaultOrTheLongestDeadlinePlusOneSecond() {
        assertThat(http.clientTimeout()).isEqualTo(Duration.ofSeconds(60));
        // the report's 90 s is the longest deadline (the default one is 60 s)
        assertThat(functions.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(FunctionsHttpServerOptions.clientTimeout(http.clientTimeout(), functions))
                .isEqualTo(Duration.ofSeconds(91));
        assertThat(FunctionsHttpServerOptions.clientTimeout(Duration.ofSeconds(120), functions))
                .isEqualTo(Duration.ofSeconds(120));
    }

    public static class Functions {
        @Funq
        public String hello(String name) {
            return "Hello " + name;
        }

        @Funq
        public String report(String name) {
            return "Report for " + name;
        }
    }
}
