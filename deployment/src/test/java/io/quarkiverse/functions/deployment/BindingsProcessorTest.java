package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Which sets of the application's Quarkus Functions artifacts {@link BindingsProcessor} warns about;
 * {@code integration-tests/user-app} {@code UserAppIT} shows the warning in the build of an application with two
 * bindings.
 */
class BindingsProcessorTest {

    @Test
    void oneBindingIsNotWarnedAbout() {
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("quarkus-functions", "quarkus-functions-http",
                "quarkus-functions-http-health", "quarkus-functions-http-openapi", "quarkus-functions-test"))).isNull();
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("quarkus-functions", "quarkus-functions-amazon-lambda",
                "quarkus-functions-redis"))).isNull();
    }

    @Test
    void noBindingIsNotWarnedAbout() {
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("quarkus-functions"))).isNull();
    }

    @Test
    void twoBindingsAreNamedWithTheFix() {
        assertThat(BindingsProcessor.moreThanOneBinding(
                List.of("quarkus-functions", "quarkus-functions-amazon-lambda", "quarkus-functions-http")))
                .isEqualTo("This application has more than one Quarkus Functions platform binding:"
                        + " quarkus-functions-http, quarkus-functions-amazon-lambda. An application uses one binding."
                        + " Fix: build one application per platform, each with one binding, from a shared module of"
                        + " functions (see docs/installation.md, One binding per application).");
    }

    @Test
    void threeBindingsAreNamedInAFixedOrder() {
        assertThat(BindingsProcessor.moreThanOneBinding(List.of("quarkus-functions-google-cloud-functions",
                "quarkus-functions-amazon-lambda", "quarkus-functions-http")))
                .contains(": quarkus-functions-http, quarkus-functions-amazon-lambda,"
                        + " quarkus-functions-google-cloud-functions. ");
    }
}
