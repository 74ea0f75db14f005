package io.quarkiverse.functions.it;

import jakarta.validation.constraints.NotBlank;

import org.jboss.logging.Logger;

import io.quarkus.funqy.Funq;

// tag::greet[]
public class GreetingFunctions {

    private static final Logger LOG = Logger.getLogger(GreetingFunctions.class);

    public record GreetInput(@NotBlank String name) {
    }

    public record Greeting(String message) {
    }

    @Funq
    public Greeting greet(GreetInput input) {
        LOG.info("Greeting a caller"); // carries request_id, function, cold_start and trace_id
        return new Greeting("Hello " + input.name() + "!");
    }
}
// end::greet[]
