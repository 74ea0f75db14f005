package io.quarkiverse.functions.amazonlambda.runtime.dev;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A function's input as a sample event carries it: the text of a message body, or the JSON of a structured field.
 *
 * @param json the input as given (JSON text), or {@code null} for none
 * @param tree the input read as JSON, or {@code null} when there is none or it is not JSON
 * @param textInput whether the function takes a {@code String}: a message body then carries the text of a JSON
 *        string, unquoted, as a producer would send it
 */
record SampleInput(String json, JsonNode tree, boolean textInput) {

    static SampleInput of(String json, boolean textInput, ObjectMapper mapper) {
        JsonNode tree = null;
        if (json != null && !json.isBlank()) {
            try {
                tree = mapper.readTree(json);
            } catch (IOException e) {
                // not JSON: carried as text, where the binding's reader rejects it as a JSON function's input
                tree = null;
            }
        }
        return new SampleInput(json, tree, textInput);
    }

    /**
     * @return the body of a message (SQS, SNS, Kinesis): the input's text, empty when there is none
     */
    String body() {
        if (json == null) {
            return "";
        }
        return textInput && tree != null && tree.isTextual() ? tree.asText() : json;
    }

    /**
     * @return the input as a JSON field's value (EventBridge {@code detail}, a DynamoDB image): an empty object when
     *         there is none, a string when it is not JSON
     */
    JsonNode node() {
        if (json == null || json.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        return tree != null ? tree : JsonNodeFactory.instance.textNode(json);
    }
}
