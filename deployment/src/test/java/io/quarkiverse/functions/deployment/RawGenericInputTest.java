package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class RawGenericInputTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("RawGenericInputTest$Functions#count(List) takes input of type java.util.List")
                    .contains("the raw type java.util.List has no type arguments"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public static class Functions {
        @SuppressWarnings("rawtypes")
        @io.quarkus.funqy.Funq
        public int count(java.util.List items) {
            return items.size();
        }
    }
}
