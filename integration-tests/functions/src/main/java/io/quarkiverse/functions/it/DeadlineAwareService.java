package io.quarkiverse.functions.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.functions.FunctionContext;

/**
 * Service code deep in the call tree: it reaches the invocation's context by injection, not by parameter passing.
 */
@ApplicationScoped
public class DeadlineAwareService {

    @Inject
    FunctionContext context;

    public String currentRequestId() {
        return context.requestId();
    }
}
