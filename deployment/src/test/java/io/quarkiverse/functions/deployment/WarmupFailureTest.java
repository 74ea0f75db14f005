package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.Warmup;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

class WarmupFailureTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, ReferenceDataWarmup.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("Warm-up failed in bean " + ReferenceDataWarmup.class.getName())
                    .contains("reference data bucket is empty"));

    @Test
    void startFails() {
        fail("Start-up should have failed");
    }

    @ApplicationScoped
    public static class ReferenceDataWarmup implements Warmup {
        @Override
        public void warmUp() {
            throw new IllegalStateException("reference data bucket is empty");
        }
    }

    public static class Functions {
        @Funq
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
