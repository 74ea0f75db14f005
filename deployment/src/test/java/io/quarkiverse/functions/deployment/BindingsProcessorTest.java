package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which sets of installed features {@link BindingsProcessor} warns about; {@link MoreThanOneBindingTest} shows the warning
 * in a build.
 */
class BindingsProcessorTest {

    @Test
    void oneBindingIsNotWarnedAbout() {
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("cdi", "functions", "functions-http",
                "functions-http-health", "functions-http-openapi"))).isNull();
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("functions", "functions-amazon-lambda"))).isNull();
    }

    @Test
    void noBindingIsNotWarnedAbout() {
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("cdi", "functions"))).isNull();
    }

    @Test
    void threeBindingsAreNamedInAFixedOrder() {
        assertThat(BindingsProcessor.moreThanOneBinding(
                List.of("functions-google-cloud-functions", "functions-amazon-lambda", "functions-http")))
                .contains(": quarkus-functions-http, quarkus-functions-amazon-lambda,"
                        + " quarkus-functions-google-cloud-functions. ");
    }
}
