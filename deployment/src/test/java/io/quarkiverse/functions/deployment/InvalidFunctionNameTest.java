package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class InvalidFunctionNameTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("@Funq method io.quarkiverse.functions.deployment.InvalidFunctionNameTest$Functions#order(String)"
                            + " defines function 'orders/place', which is not a valid function name")
                    .contains("Fix: use only letters, digits, '-', '_' and '.'"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq("orders/place")
        public String order(String input) {
            return input;
        }
    }
}
