package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UnsupportedReturnTypeTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("UnsupportedReturnTypeTest$Functions#later() returns java.util.concurrent.CompletionStage")
                    .contains("Fix: return the value, or Uni<T> for an asynchronous result"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq
        public java.util.concurrent.CompletionStage<String> later() {
            return java.util.concurrent.CompletableFuture.completedFuture("x");
        }
    }
}
