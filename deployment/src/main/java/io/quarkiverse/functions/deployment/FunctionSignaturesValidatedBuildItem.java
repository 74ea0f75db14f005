package io.quarkiverse.functions.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Marker: every {@code @Funq} signature was checked.
 * <p>
 * Produced by {@link FunctionSignatureProcessor}; consumed by the bean registration of {@link FunctionsProcessor}, so
 * that the checks run before Funqy's scanner and report their own messages, with the fix.
 */
public final class FunctionSignaturesValidatedBuildItem extends SimpleBuildItem {
}
