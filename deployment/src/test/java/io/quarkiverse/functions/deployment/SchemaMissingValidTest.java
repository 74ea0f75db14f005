package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

import jakarta.validation.constraints.NotBlank;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Constraints of a nested type are only checked through {@code @Valid}: without it the schema would state what the
 * runtime does not enforce, so the build fails.
 */
class SchemaMissingValidTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .assertException(failure -> assertThat(BuildFailures.messages(failure))
                    .contains("the input of function 'ship' (io.quarkiverse.functions.deployment.SchemaMissingValidTest"
                            + "$Functions#ship(SchemaMissingValidTest$Shipment)): field 'to' of"
                            + " io.quarkiverse.functions.deployment.SchemaMissingValidTest$Shipment holds"
                            + " io.quarkiverse.functions.deployment.SchemaMissingValidTest$Address")
                    .contains("field 'stops' of io.quarkiverse.functions.deployment.SchemaMissingValidTest$Shipment")
                    .contains("Fix: annotate the field with @Valid"));

    @Test
    void buildFails() {
        fail("The build should have failed");
    }

    public record Address(@NotBlank String city) {
    }

    public record Shipment(Address to, List<Address> stops) {
    }

    public static class Functions {
        @Funq
        public void ship(Shipment shipment) {
        }
    }
}
