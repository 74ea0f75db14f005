package io.quarkiverse.functions.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The contracts of every function: the JSON Schema 2020-12 of each input and output, generated at build time from the
 * Java signatures (with their Jackson annotations and Bean Validation constraints).
 * <p>
 * Produced by {@link FunctionSchemaProcessor}; consumed by its export step (the schema files in {@code target/}) and by
 * the platform bindings that describe their surface: the HTTP binding builds its OpenAPI 3.1 document from it, and the
 * Lambda and Google Cloud Functions bindings are meant to reuse it for their templates.
 */
public final class FunctionSchemasBuildItem extends SimpleBuildItem {

    private final Map<String, FunctionSchema> functions;
    private final String definitions;

    /**
     * @param functions the contracts, by function name
     * @param definitions a JSON object: the named schemas the fragments reference, by name
     */
    FunctionSchemasBuildItem(Map<String, FunctionSchema> functions, String definitions) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        this.definitions = definitions;
    }

    /**
     * @return the contracts by function name, sorted by name
     */
    public Map<String, FunctionSchema> getFunctions() {
        return functions;
    }

    /**
     * @return a JSON object of the named schemas the fragments reference as {@code #/components/schemas/<name>}
     */
    public String getDefinitions() {
        return definitions;
    }
}
