package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class DuplicateFunctionNameTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Others.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("both define function 'greet'")
                    .contains("DuplicateFunctionNameTest$Functions#hello(String)")
                    .contains("DuplicateFunctionNameTest$Others#greet(String)")
                    .contains("Fix: give one of them another name with @Funq(\"other-name\")"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @io.quarkus.funqy.Funq("greet")
        public String hello(String input) {
            return input;
        }
    }

    public static class Others {
        @io.quarkus.funqy.Funq
        public String greet(String input) {
            return input;
        }
    }
}
