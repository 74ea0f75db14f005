package io.quarkiverse.functions.bench.greet;

import org.jboss.logging.Logger;

import io.quarkus.funqy.Funq;

/**
 * The example {@code greet} function (integration-tests/functions), without its {@code @NotBlank}: stock Funqy does
 * not validate, so neither does the bench copy. {@code META-INF/beans.xml} gets this jar indexed by every app.
 */
public class GreetingFunctions {

    private static final Logger LOG = Logger.getLogger(GreetingFunctions.class);

    public record GreetInput(String name) {
    }

    public record Greeting(String message) {
    }

    @Funq
    public Greeting greet(GreetInput input) {
        LOG.info("Greeting a caller");
        return new Greeting("Hello " + input.name() + "!");
    }
}
