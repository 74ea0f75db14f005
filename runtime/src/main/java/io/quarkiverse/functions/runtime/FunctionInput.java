package io.quarkiverse.functions.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The input of one invocation as a binding received it: the payload's bytes with the media type its source declares
 * (if any), an already-built JSON tree (query parameters, a record inside a batch), or nothing. The invoker decodes it
 * for the function's input type: JSON by default, the text for a {@code String}, the bytes for a {@code byte[]}.
 */
public final class FunctionInput {

    /** The media type of payloads that are JSON by their platform's contract (a Lambda direct invocation). */
    public static final String JSON = "application/json";

    private static final FunctionInput NONE = new FunctionInput(null, null, null, false);

    private final byte[] bytes;
    private final String mediaType;
    private final JsonNode tree;
    private final boolean query;

    private FunctionInput(byte[] bytes, String mediaType, JsonNode tree, boolean query) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.tree = tree;
        this.query = query;
    }

    /**
     * A payload that is JSON by its source's contract.
     *
     * @param json the JSON text; an empty array means no input
     */
    public static FunctionInput json(byte[] json) {
        return payload(json, JSON);
    }

    /**
     * A payload as received.
     *
     * @param bytes the payload; an empty array means no input
     * @param mediaType the media type the source declares ({@code Content-Type}, {@code datacontenttype}), or
     *        {@code null} when it declares none (a queue message body, a Pub/Sub message): such a payload is JSON for a
     *        JSON input type and text or bytes for a {@code String} or {@code byte[]} one
     */
    public static FunctionInput payload(byte[] bytes, String mediaType) {
        return bytes == null || bytes.length == 0 ? NONE : new FunctionInput(bytes, mediaType, null, false);
    }

    public static FunctionInput tree(JsonNode tree) {
        return tree == null ? NONE : new FunctionInput(null, null, tree, false);
    }

    /**
     * @param tree query parameters as a JSON object whose values are strings: they are converted to the input's field
     *        types, where JSON input must already have the right types
     */
    public static FunctionInput query(JsonNode tree) {
        return tree == null ? NONE : new FunctionInput(null, null, tree, true);
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
        return bytes == null && tree == null;
    }

    /**
     * @return the payload's bytes, or {@code null} when the input is a tree or nothing
     */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * @return the media type the payload's source declares, or {@code null}
     */
    public String mediaType() {
        return mediaType;
    }

    /**
     * @return the JSON tree, or {@code null}
     */
    public JsonNode jsonTree() {
        return tree;
    }
}
