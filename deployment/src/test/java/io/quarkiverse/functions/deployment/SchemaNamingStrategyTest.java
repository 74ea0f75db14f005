package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The application's mapper names properties with {@code quarkus.jackson.property-naming-strategy}: so does the schema.
 */
class SchemaNamingStrategyTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .overrideConfigKey("quarkus.jackson.property-naming-strategy", "SNAKE_CASE")
            .addBuildChainCustomizer(SchemaCapture.capture());

    public record Address(String postCode, @JsonProperty("TOWN") String town) {
    }

    public static class Functions {
        @Funq
        public void address(Address address) {
        }
    }

    @Test
    void globalStrategyRenamesAndJsonPropertyStillWins() {
        assertThat(SchemaCapture.definition("Address").get("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("post_code", "TOWN");
    }
}
