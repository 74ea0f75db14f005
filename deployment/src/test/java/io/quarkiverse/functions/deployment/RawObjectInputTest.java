package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RawObjectInputTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("@Funq method io.quarkiverse.functions.deployment.RawObjectInputTest$Functions#anything(Object) takes input of type java.lang.Object")
                    .contains("cannot be read from JSON")
                    .contains("Fix: use a concrete type"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq
        public String anything(Object input) {
            return "x";
        }
    }
}
