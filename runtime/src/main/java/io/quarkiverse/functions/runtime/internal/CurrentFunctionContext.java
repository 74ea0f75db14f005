package io.quarkiverse.functions.runtime.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkiverse.functions.FunctionContext;

/**
 * Holds the context of the invocation whose request context is active, and makes {@link FunctionContext} injectable.
 */
@RequestScoped
public class CurrentFunctionContext {

    private FunctionContext context;

    void set(FunctionContext context) {
        this.context = context;
    }

    @Produces
    @RequestScoped
    FunctionContext current() {
        if (context == null) {
            throw new IllegalStateException(
                    "FunctionContext is only available while a function is being invoked; it was used outside an invocation");
        }
        return context;
    }
}
