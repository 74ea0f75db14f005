package io.quarkiverse.functions.runtime.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

/**
 * The functions of this application, by name. Filled once at static init by the recorder.
 */
@Singleton
public class FunctionCatalog {

    private volatile Map<String, FunctionDefinition> functions = Map.of();

    void init(List<FunctionDefinition> definitions) {
        Map<String, FunctionDefinition> byName = new LinkedHashMap<>();
        for (FunctionDefinition definition : definitions) {
            byName.put(definition.name, definition);
        }
        this.functions = Collections.unmodifiableMap(byName);
    }

    public FunctionDefinition get(String name) {
        return functions.get(name);
    }

    /**
     * @return the function names, in a stable order
     */
    public Set<String> names() {
        return functions.keySet();
    }

    public boolean isLoaded() {
        return !functions.isEmpty();
    }
}
