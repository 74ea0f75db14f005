package io.quarkiverse.functions.amazonlambda.deployment;

import java.util.Map;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The handler class generated for each function, for the managed Java runtime, where a Lambda function's handler is
 * {@code class::method}.
 * <p>
 * Produced by {@link LambdaHandlerClassesProcessor}; consumed by {@link SamTemplateProcessor}.
 */
public final class LambdaHandlerClassesBuildItem extends SimpleBuildItem {

    private final Map<String, String> handlers;

    LambdaHandlerClassesBuildItem(Map<String, String> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /**
     * @return the handler class name by function name
     */
    public Map<String, String> getHandlers() {
        return handlers;
    }
}
