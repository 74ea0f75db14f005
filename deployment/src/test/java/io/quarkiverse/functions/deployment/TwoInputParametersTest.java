package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class TwoInputParametersTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("@Funq method io.quarkiverse.functions.deployment.TwoInputParametersTest$Functions#add(Integer, Integer)")
                    .contains("declares 2 input parameters")
                    .contains("Fix: wrap the inputs in one type"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq
        public String add(Integer a, Integer b) {
            return "x";
        }
    }
}
