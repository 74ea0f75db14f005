package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A field of type {@code Object} has no sound schema: the build fails and names the function, the type and the field.
 */
class SchemaObjectFieldTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("These @Funq functions have no sound JSON Schema")
                    .contains("the input of function 'store' (io.quarkiverse.functions.deployment.SchemaObjectFieldTest"
                            + "$Functions#store(SchemaObjectFieldTest$Envelope)): field 'payload' of"
                            + " io.quarkiverse.functions.deployment.SchemaObjectFieldTest$Envelope has type java.lang.Object")
                    .contains("the output of function 'store'")
                    .contains("field 'headers' of io.quarkiverse.functions.deployment.SchemaObjectFieldTest$Envelope"
                            + " is a map with values of type java.lang.Object")
                    .contains("Fix: give it a concrete type"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public record Envelope(String id, Object payload, Map<String, Object> headers) {
    }

    public static class Functions {
        @Funq
        public Envelope store(Envelope envelope) {
            return envelope;
        }
    }
}
