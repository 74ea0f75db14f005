package io.quarkiverse.functions.deployment;

import java.util.List;

import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The function table of the application, each entry with its generated invoker.
 * <p>
 * Produced by {@link FunctionCatalogProcessor}; consumed by its recorder step and by bindings that need the list of
 * function names at build time (routes, templates).
 */
public final class FunctionCatalogBuildItem extends SimpleBuildItem {

    private final List<FunctionSpec> functions;

    FunctionCatalogBuildItem(List<FunctionSpec> functions) {
        this.functions = List.copyOf(functions);
    }

    public List<FunctionSpec> getFunctions() {
        return functions;
    }
}
