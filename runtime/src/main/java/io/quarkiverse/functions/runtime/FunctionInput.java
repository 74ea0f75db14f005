package io.quarkiverse.functions.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of one invocation as a binding received it: JSON bytes, an already-built JSON tree (query parameters,
 * a record inside a batch), or nothing. The invoker decodes it with the function's prepared reader.
 */
public final class FunctionInput {

    private static final FunctionInput NONE = new FunctionInput(null, null);

    private final byte[] json;
    private final JsonNode tree;

    private FunctionInput(byte[] json, JsonNode tree) {
        this.json = json;
        this.tree = tree;
    }

    /**
     * @param json the JSON text; an empty array means no input
     */
    public static FunctionInput json(byte[] json) {
        return json == null || json.length == 0 ? NONE : new FunctionInput(json, null);
    }

    public static FunctionInput tree(JsonNode tree) {
        return tree == null ? NONE : new FunctionInput(null, tree);
    }

    public static FunctionInput none() {
        return NONE;
    }

    public boolean isEmpty() {
        return json == null && tree == null;
    }

    /**
     * @return the JSON bytes, or {@code null}
     */
    public byte[] jsonBytes() {
        return json;
    }

    /**
     * @return the JSON tree, or {@code null}
     */
    public JsonNode jsonTree() {
        return tree;
    }
}
