package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The training inputs made from the generated schemas are valid against them, checked by a JSON Schema validator.
 */
class SampleInputTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture());

    public enum Plan {
        FREE,
        TEAM
    }

    public record Address(@NotBlank String city, String street) {
    }

    public record Order(@NotNull String id, @NotBlank @Size(min = 3, max = 5) String customer, @Min(2) @Max(9) int quantity,
            @Positive long amount, @NotNull @Email String email, @NotNull LocalDate day, @NotNull Plan plan,
            @NotEmpty @Size(min = 2) List<@NotBlank String> tags, @NotNull @Valid Address address, String note) {
    }

    public static class Functions {
        @Funq
        public void order(Order order) {
        }

        @Funq
        public int count(List<@Valid Address> addresses) {
            return addresses.size();
        }

        @Funq
        public String name(String name) {
            return name;
        }

        @Funq
        public long none() {
            return 1;
        }
    }

    private static String sample(String function) {
        return SampleInput.of(SchemaCapture.function(function).path("inputDocument").toString());
    }

    private static List<com.networknt.schema.Error> errors(String function, String sample) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaCapture.function(function).path("inputDocument").toString(), InputFormat.JSON);
        return schema.validate(sample, InputFormat.JSON,
                (context, schemaContext) -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    }

    @Test
    void objectsGetEveryRequiredPropertyWithinItsBounds() {
        String sample = sample("order");
        assertThat(sample).contains("\"customer\":\"xxx\"", "\"quantity\":2", "\"amount\":1",
                "\"email\":\"training@example.com\"", "\"day\":\"2020-01-01\"", "\"plan\":\"FREE\"",
                "\"tags\":[\"x\",\"x\"]", "\"address\":{\"city\":\"x\"}").doesNotContain("note", "street");
        assertThat(errors("order", sample)).isEmpty();
    }

    @Test
    void arraysStringsAndFunctionsWithoutInput() {
        assertThat(sample("count")).isEqualTo("[{\"city\":\"x\"}]");
        assertThat(errors("count", sample("count"))).isEmpty();
        assertThat(sample("name")).isEqualTo("\"x\"");
        assertThat(SchemaCapture.function("none").path("inputDocument").isNull()).isTrue();
        assertThat(SampleInput.of(null)).isNull();
    }
}
