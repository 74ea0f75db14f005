package io.quarkiverse.functions.runtime.internal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkiverse.functions.FunctionContext;

/**
 * Holds the context of the invocation whose request context is active, and makes {@link FunctionContext} injectable.
 */
@RequestScoped
public class CurrentFunctionContext {

    private FunctionContextImpl context;

    void set(FunctionContextImpl context) {
        this.context = context;
    }

    /**
     * @return the context of the invocation, or {@code null} outside one; for {@link RequestContextDecorator}
     */
    FunctionContextImpl get() {
        return context;
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
