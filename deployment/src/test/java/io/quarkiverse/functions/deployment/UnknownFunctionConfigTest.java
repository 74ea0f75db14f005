package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

class UnknownFunctionConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.\"gret\".timeout", "2s")
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("quarkus.functions.\"gret\".* configures a function that does not exist")
                    .contains("Known functions: [greet]"));

    @Test
    void startFails() {
        fail("Start-up should have failed");
    }

    public static class Functions {
        @Funq
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
