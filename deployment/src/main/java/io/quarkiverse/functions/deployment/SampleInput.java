package io.quarkiverse.functions.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small valid input for a function, made from the JSON Schema of its input: what a training run (an AOT cache) sends
 * so that the call path is recorded through validation and the function body, not only up to a rejected input.
 * <p>
 * Hand-written rather than taken from a JSON Schema faker: it only needs the subset that {@link FunctionSchemaGenerator}
 * emits (required properties, {@code $ref} into {@code $defs}, enums, formats, length and range bounds), and the Java
 * generators available are test-data libraries with dependencies of their own. Best effort: a pattern the sample does
 * not match gives an input the function rejects, which still trains the error path.
 */
public final class SampleInput {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private SampleInput() {
    }

    /**
     * @param schemaDocument a standalone JSON Schema document (with its own {@code $defs}), or {@code null}
     * @return JSON text of a value the schema accepts where it can tell; {@code null} for a function without input
     */
    public static String of(String schemaDocument) {
        if (schemaDocument == null) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(schemaDocument);
            return MAPPER.writeValueAsString(sample(root, root, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a generated JSON Schema", e);
        }
    }

    private static JsonNode sample(JsonNode schema, JsonNode root, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return NODES.nullNode();
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return sample(root.at(ref.startsWith("#") ? ref.substring(1) : ref), root, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        for (String combinator : new String[] { "allOf", "anyOf", "oneOf" }) {
            if (schema.has(combinator) && schema.get(combinator).size() > 0) {
                return sample(schema.get(combinator).get(0), root, depth + 1);
            }
        }
        switch (type(schema)) {
            case "object":
                ObjectNode object = NODES.objectNode();
                JsonNode properties = schema.path("properties");
                for (JsonNode required : schema.path("required")) {
                    object.set(required.asText(), sample(properties.get(required.asText()), root, depth + 1));
                }
                return object;
            case "array":
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < Math.max(1, schema.path("minItems").asInt(1)); i++) {
                    array.add(sample(schema.get("items"), root, depth + 1));
                }
                return array;
            case "string":
                return NODES.textNode(string(schema));
            case "integer":
                return NODES.numberNode(number(schema).longValue());
            case "number":
                return NODES.numberNode(number(schema));
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.nullNode();
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "null";
        }
        if (type.isArray()) {
            // ["string", "null"]: the first type that is not null
            for (Iterator<JsonNode> types = type.elements(); types.hasNext();) {
                String candidate = types.next().asText();
                if (!"null".equals(candidate)) {
                    return candidate;
                }
            }
            return "null";
        }
        return type.asText();
    }

    private static String string(JsonNode schema) {
        switch (schema.path("format").asText()) {
            case "email":
                return "training@example.com";
            case "date":
                return "2020-01-01";
            case "date-time":
                return "2020-01-01T00:00:00Z";
            case "time":
                return "00:00:00Z";
            case "uuid":
                return "00000000-0000-4000-8000-000000000000";
            case "uri":
                return "https://example.com/";
            default:
                break;
        }
        int min = Math.max(1, schema.path("minLength").asInt(1));
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        String pattern = schema.path("pattern").asText(null);
        for (String letter : new String[] { "x", "A", "0" }) {
            String candidate = letter.repeat(Math.min(min, max));
            if (pattern == null || matches(pattern, candidate)) {
                return candidate;
            }
        }
        return "x".repeat(Math.min(min, max));
    }

    private static boolean matches(String pattern, String candidate) {
        try {
            return Pattern.compile(pattern).matcher(candidate).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static BigDecimal number(JsonNode schema) {
        if (schema.has("minimum")) {
            return schema.get("minimum").decimalValue();
        }
        if (schema.has("exclusiveMinimum")) {
            return schema.get("exclusiveMinimum").decimalValue().add(BigDecimal.ONE);
        }
        if (schema.has("maximum")) {
            return schema.get("maximum").decimalValue().min(BigDecimal.ONE);
        }
        return BigDecimal.ONE;
    }
}
