package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * {@code Uni<T>} has the schema of {@code T}; {@code void} and {@code Uni<Void>} have no output schema; a function
 * without input has no input schema.
 */
class SchemaAsyncAndVoidTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, SchemaCapture.class))
            .addBuildChainCustomizer(SchemaCapture.capture());

    public record Result(String value) {
    }

    public static class Functions {
        @Funq
        public Uni<Result> later() {
            return Uni.createFrom().nullItem();
        }

        @Funq
        public void sink(Result result) {
        }

        @Funq
        public Uni<Void> asyncSink(Result result) {
            return Uni.createFrom().voidItem();
        }
    }

    @Test
    void uniHasTheSchemaOfItsItem() {
        assertThat(SchemaCapture.function("later").get("output").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/Result\"}");
        assertThat(SchemaCapture.function("later").get("outputDocument").at("/properties/value/type").toString())
                .isEqualTo("[\"string\",\"null\"]");
    }

    @Test
    void noInputAndNoOutputHaveNoSchema() {
        assertThat(SchemaCapture.function("later").get("input").isNull()).isTrue();
        assertThat(SchemaCapture.function("sink").get("output").isNull()).isTrue();
        assertThat(SchemaCapture.function("asyncSink").get("output").isNull()).isTrue();
        assertThat(SchemaCapture.function("asyncSink").get("input").toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/Result\"}");
    }
}
