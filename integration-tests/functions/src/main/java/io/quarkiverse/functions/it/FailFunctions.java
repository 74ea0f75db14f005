package io.quarkiverse.functions.it;

import java.time.Duration;

import io.quarkiverse.functions.ClientException;
import io.quarkiverse.functions.TransientException;
import io.quarkus.funqy.Funq;

// tag::fail[]
public class FailFunctions {

    public record FailInput(String kind) {
    }

    @Funq
    public String fail(FailInput input) {
        switch (String.valueOf(input.kind())) {
            case "client":
                // 4xx with a machine-readable code; never retried
                throw new ClientException(422, "order-rejected", "The order cannot be accepted as sent.");
            case "transient":
                // 503 with Retry-After; queues and event pushes retry it
                throw new TransientException("The inventory service is unavailable.", Duration.ofSeconds(7));
            case "internal":
                // 500; the message stays in the logs, never in the response
                throw new IllegalStateException("db password=hunter2 rejected by 10.0.0.7");
            default:
                return "no failure asked";
        }
    }
}
// end::fail[]
