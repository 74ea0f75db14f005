package io.quarkiverse.functions.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Marker: the recorder step that loads the catalog at static init has been recorded.
 * <p>
 * Produced by {@link FunctionCatalogProcessor}; consumed by bindings whose recorders use the catalog.
 */
public final class FunctionCatalogLoadedBuildItem extends SimpleBuildItem {
}
