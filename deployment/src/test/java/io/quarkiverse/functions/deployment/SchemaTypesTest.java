package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The JSON Schema of records, enums, {@code Optional}, {@code java.time}, nested collections and maps, and generics.
 */
class SchemaTypesTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture());

    public enum Colour {
        RED,
        GREEN
    }

    public record Page<T>(List<T> items, int total) {
    }

    public record Item(String name, Colour colour, long count, Boolean flag) {
    }

    public record Dates(Optional<LocalDate> day, Instant at, LocalDateTime local, UUID id) {
    }

    public record Nested(Map<String, List<Integer>> scores, List<List<String>> grid, Set<String> tags,
            Map<String, Item> byName) {
    }

    public static class Functions {
        @Funq
        public Page<Item> page(Item item) {
            return null;
        }

        @Funq
        public Dates dates(Dates dates) {
            return dates;
        }

        @Funq
        public Nested nested(Nested nested) {
            return nested;
        }

        @Funq
        public String text(String text) {
            return text;
        }
    }

    @Test
    void recordComponentsAreProperties() {
        JsonNode item = SchemaCapture.definition("Item");
        assertThat(item.get("type").asText()).isEqualTo("object");
        assertThat(item.get("properties").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "colour", "count", "flag");
        // a reference type may be null; a primitive may not, and a record's primitive component must be present
        assertThat(item.at("/properties/name/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(item.at("/properties/flag/type").toString()).isEqualTo("[\"boolean\",\"null\"]");
        assertThat(item.at("/properties/count").toString()).isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
        assertThat(item.get("required").toString()).isEqualTo("[\"count\"]");
    }

    @Test
    void enumsAreStringsWithTheirConstants() {
        assertThat(SchemaCapture.definition("Colour").toString())
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"RED\",\"GREEN\"]}");
        assertThat(SchemaCapture.definition("Item").at("/properties/colour/anyOf").toString())
                .isEqualTo("[{\"type\":\"null\"},{\"$ref\":\"#/components/schemas/Colour\"}]");
    }

    @Test
    void optionalAndJavaTimeAreStringsWithFormats() {
        JsonNode dates = SchemaCapture.definition("Dates").get("properties");
        assertThat(dates.get("day").toString()).isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date\"}");
        assertThat(dates.get("at").toString()).isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"date-time\"}");
        assertThat(dates.get("id").toString()).isEqualTo("{\"type\":[\"string\",\"null\"],\"format\":\"uuid\"}");
        // no offset: not an RFC 3339 date-time, so a pattern instead of a format
        assertThat(dates.at("/local/pattern").asText()).isEqualTo(FunctionSchemaGenerator.LOCAL_DATE_TIME_PATTERN);
        assertThat(dates.get("local").has("format")).isFalse();
    }

    @Test
    void collectionsAndMapsNest() {
        JsonNode nested = SchemaCapture.definition("Nested").get("properties");
        assertThat(nested.get("scores").toString()).isEqualTo("{\"type\":[\"object\",\"null\"],\"additionalProperties\":"
                + "{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"}}}");
        // Jackson accepts a null element in a list field
        assertThat(nested.get("grid").toString()).isEqualTo("{\"type\":[\"array\",\"null\"],\"items\":"
                + "{\"type\":[\"array\",\"null\"],\"items\":{\"type\":\"string\"}}}");
        assertThat(nested.at("/tags/items/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(nested.at("/byName/additionalProperties/$ref").asText()).isEqualTo("#/components/schemas/Item");
    }

    @Test
    void genericsAreResolved() {
        JsonNode output = SchemaCapture.function("page").get("output");
        String name = output.get("$ref").asText().substring("#/components/schemas/".length());
        JsonNode page = SchemaCapture.definition(name);
        assertThat(page.at("/properties/items/items/anyOf").toString())
                .isEqualTo("[{\"type\":\"null\"},{\"$ref\":\"#/components/schemas/Item\"}]");
        assertThat(page.at("/properties/total/type").asText()).isEqualTo("integer");
    }

    @Test
    void aStringTravelsAsTextAndItsSchemaSaysSo() {
        assertThat(SchemaCapture.function("text").get("input").toString()).isEqualTo("{\"type\":\"string\"}");
        JsonNode document = SchemaCapture.function("text").get("inputDocument");
        assertThat(document.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(document.get("type").asText()).isEqualTo("string");
        assertThat(document.get("contentMediaType").asText()).isEqualTo("text/plain");
    }

    @Test
    void documentsAreStandaloneWithTheirOwnDefinitions() {
        JsonNode document = SchemaCapture.function("nested").get("inputDocument");
        assertThat(document.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(document.at("/properties/byName/additionalProperties/$ref").asText()).isEqualTo("#/$defs/Item");
        assertThat(document.at("/$defs/Item/type").asText()).isEqualTo("object");
        assertThat(document.toString()).doesNotContain("#/components/schemas/");
    }
}
