package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class WildcardOutputTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("@Funq method io.quarkiverse.functions.deployment.WildcardOutputTest$Functions#numbers() returns")
                    .contains("cannot be written as JSON: it uses the wildcard")
                    .contains("Fix: return a concrete type"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq
        public java.util.List<? extends Number> numbers() {
            return java.util.List.of(1);
        }
    }
}
