package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The schema follows Jackson's view of a type: {@code @JsonProperty}, {@code @JsonIgnore}, {@code @JsonNaming},
 * {@code @JsonInclude}, and free-form {@code JsonNode}.
 */
class SchemaJacksonTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture());

    public record Renamed(@JsonProperty("first_name") String firstName, @JsonProperty(required = true) String id,
            @JsonIgnore String secret) {
    }

    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Kebab(String postCode, int houseNumber) {
    }

    public record Included(@JsonInclude(JsonInclude.Include.NON_NULL) String note, String other) {
    }

    public record Free(JsonNode anything, com.fasterxml.jackson.databind.node.ObjectNode object) {
    }

    public static class Functions {
        @Funq
        public Included renamed(Renamed renamed) {
            return null;
        }

        @Funq
        public Free kebab(Kebab kebab) {
            return null;
        }
    }

    @Test
    void jsonPropertyRenamesAndRequires() {
        JsonNode renamed = SchemaCapture.definition("Renamed");
        assertThat(renamed.get("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("first_name", "id");
        assertThat(renamed.get("required").toString()).isEqualTo("[\"id\"]");
    }

    @Test
    void jsonNamingRenames() {
        assertThat(SchemaCapture.definition("Kebab").get("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("post-code", "house-number");
    }

    @Test
    void jsonIncludeNonNullIsNeverNull() {
        JsonNode included = SchemaCapture.definition("Included").get("properties");
        assertThat(included.get("note").toString()).isEqualTo("{\"type\":\"string\"}");
        assertThat(included.get("other").toString()).isEqualTo("{\"type\":[\"string\",\"null\"]}");
    }

    @Test
    void jsonTreesAreFreeForm() {
        JsonNode free = SchemaCapture.definition("Free").get("properties");
        assertThat(free.get("anything").toString()).isEqualTo("{}");
        assertThat(free.get("object").toString()).isEqualTo("{\"type\":[\"object\",\"null\"]}");
    }
}
