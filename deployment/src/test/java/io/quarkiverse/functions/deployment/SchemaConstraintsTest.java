package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Bean Validation constraints become the JSON Schema keywords with the same meaning as Hibernate Validator's checks.
 */
class SchemaConstraintsTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture());

    public record Address(@NotBlank String city) {
    }

    public record Order(
            @NotNull String id,
            @NotBlank String customer,
            @Size(min = 2, max = 10) String code,
            @Min(1) @Max(99) int quantity,
            @Positive long amount,
            @DecimalMax(value = "1.5", inclusive = false) double ratio,
            @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotBlank @Pattern(regexp = "\\w*") String reference,
            @Email String email,
            @NotEmpty @Size(max = 3) List<@NotBlank String> tags,
            @Valid Address address) {
    }

    public static class Functions {
        @Funq
        public void order(Order order) {
        }
    }

    private static JsonNode property(String name) {
        return SchemaCapture.definition("Order").get("properties").get(name);
    }

    @Test
    void notNullAndNotBlankAreRequiredAndNeverNull() {
        assertThat(SchemaCapture.definition("Order").get("required").toString())
                .contains("\"id\"", "\"customer\"", "\"reference\"", "\"tags\"", "\"quantity\"", "\"amount\"")
                .doesNotContain("\"code\"", "\"email\"", "\"address\"");
        assertThat(property("id").toString()).isEqualTo("{\"type\":\"string\"}");
        // String.trim(), which @NotBlank uses, strips every character up to U+0020
        assertThat(property("customer").toString())
                .isEqualTo("{\"type\":\"string\",\"minLength\":1,\"pattern\":\"[^\\\\u0000-\\\\u0020]\"}");
    }

    @Test
    void sizeMinMaxAndSigns() {
        assertThat(property("code").get("minLength").asInt()).isEqualTo(2);
        assertThat(property("code").get("maxLength").asInt()).isEqualTo(10);
        assertThat(property("quantity").get("minimum").asInt()).isEqualTo(1);
        assertThat(property("quantity").get("maximum").asInt()).isEqualTo(99);
        assertThat(property("amount").get("exclusiveMinimum").asInt()).isZero();
        assertThat(property("ratio").get("exclusiveMaximum").asDouble()).isEqualTo(1.5);
    }

    @Test
    void patternsMatchTheWholeValueAsBeanValidationDoes() {
        assertThat(property("currency").get("pattern").asText()).isEqualTo("^(?:[A-Z]{3})$");
        assertThat(property("reference").get("pattern").asText()).isEqualTo("^(?=[\\s\\S]*[^\\u0000-\\u0020])(?:\\w*)$");
    }

    @Test
    void emailIsAFormat() {
        assertThat(property("email").get("format").asText()).isEqualTo("email");
    }

    @Test
    void listSizeAndElementConstraints() {
        JsonNode tags = property("tags");
        assertThat(tags.get("minItems").asInt()).isEqualTo(1);
        assertThat(tags.get("maxItems").asInt()).isEqualTo(3);
        assertThat(tags.get("items").toString())
                .isEqualTo("{\"type\":\"string\",\"minLength\":1,\"pattern\":\"[^\\\\u0000-\\\\u0020]\"}");
    }

    @Test
    void cascadedTypesCarryTheirConstraints() {
        assertThat(SchemaCapture.definition("Address").get("required").toString()).isEqualTo("[\"city\"]");
    }
}
