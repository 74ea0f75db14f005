package io.quarkiverse.functions.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of one invocation as a binding received it: JSON bytes, an already-built JSON tree (query parameters,
 * a record inside a batch), or nothing. The invoker decodes it with the function's prepared reader.
 */
public final class FunctionInput {

    private static final FunctionInput NONE = new FunctionInput(null, null, false);

    private final byte[] json;
    private final JsonNode tree;
    private final boolean query;

    private FunctionInput(byte[] json, JsonNode tree, boolean query) {
        this.json = json;
        this.tree = tree;
        this.query = query;
    }

    /**
     * @param json the JSON text; an empty array means no input
     */
    public static FunctionInput json(byte[] json) {
        return json == null || json.length == 0 ? NONE : new FunctionInput(json, null, false);
    }

    public static FunctionInput tree(JsonNode tree) {
        return tree == null ? NONE : new FunctionInput(null, tree, false);
    }

    /**
     * @param tree query parameters as a JSON object whose values are strings: they are converted to the input's field
     *        types, where JSON input must already have the right types
     */
    public static FunctionInput query(JsonNode tree) {
        return tree == null ? NONE : new FunctionInput(null, tree, true);
    }

    /**
     * @return whether the input is made of query parameters
     */
    public boolean isQuery() {
        return query;
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
