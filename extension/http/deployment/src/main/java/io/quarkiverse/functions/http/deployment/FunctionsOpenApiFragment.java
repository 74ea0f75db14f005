package io.quarkiverse.functions.http.deployment;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.deployment.FunctionSchema;
import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.Problems;

/**
 * The HTTP surface of the functions as an OpenAPI 3.1 fragment (paths and components), built at build time from the
 * functions' JSON Schemas. It describes what {@link HttpDispatcher} does: {@code POST} and {@code GET /<function>},
 * CloudEvents on {@code POST /}, and the problem documents of the error table.
 */
final class FunctionsOpenApiFragment {

    static final String PROBLEM = "FunctionProblem";
    static final String CLOUD_EVENT = "FunctionCloudEvent";
    static final String TAG = "functions";
    private static final String REF = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final String HEADERS = "#/components/headers/";
    static final String BAD_INPUT = "FunctionBadInput";
    static final String BAD_QUERY = "FunctionBadQuery";
    static final String TOO_LARGE = "FunctionPayloadTooLarge";
    static final String UNSUPPORTED = "FunctionUnsupportedMediaType";
    static final String CLIENT_ERROR = "FunctionClientError";
    static final String INTERNAL_ERROR = "FunctionInternalError";
    static final String UNAVAILABLE = "FunctionUnavailable";
    static final String DEADLINE = "FunctionDeadlineExceeded";
    static final String INVALID_EVENT = "FunctionInvalidCloudEvent";
    static final String NO_FUNCTION = "FunctionNotFound";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionsOpenApiFragment() {
    }

    /**
     * @param paths the path of each function, and of the CloudEvents endpoint under the key {@code ""}
     * @param eventTypes the CloudEvent types each function accepts
     */
    static ObjectNode build(FunctionSchemasBuildItem schemas, Map<String, String> paths,
            Map<String, List<String>> eventTypes) {
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode components = JSON.createObjectNode();
        ObjectNode definitions = (ObjectNode) parse(schemas.getDefinitions());
        if (definitions.has(PROBLEM) || definitions.has(CLOUD_EVENT)) {
            throw new IllegalStateException("A function type is named " + PROBLEM + " or " + CLOUD_EVENT
                    + ", which the OpenAPI document of the functions uses for its own schemas. Fix: rename the type.");
        }
        ObjectNode componentSchemas = components.putObject("schemas");
        componentSchemas.setAll(definitions);
        componentSchemas.set(PROBLEM, problemSchema());
        componentSchemas.set(CLOUD_EVENT, cloudEventSchema());
        components.set("responses", sharedResponses());
        ObjectNode headers = components.putObject("headers");
        headers.putObject(HttpDispatcher.REQUEST_ID)
                .put("description", "The request id: the caller's X-Request-Id when it is a sane token, otherwise generated.")
                .putObject("schema").put("type", "string");
        headers.putObject("Retry-After").put("description", "Seconds to wait before retrying.")
                .putObject("schema").put("type", "integer").put("minimum", 1);

        ObjectNode pathItems = root.putObject("paths");
        ArrayNode anyInput = JSON.createArrayNode();
        ArrayNode allTypes = JSON.createArrayNode();
        for (FunctionSchema function : schemas.getFunctions().values()) {
            String name = function.getName();
            ObjectNode item = pathItems.putObject(paths.get(name));
            List<String> types = eventTypes.getOrDefault(name, List.of(name));
            item.set("post", post(function, types));
            JsonNode input = function.hasInput() ? parse(function.getInputFragment()) : null;
            ArrayNode query = input == null ? JSON.createArrayNode() : queryParameters(input, definitions);
            if (query != null) {
                item.set("get", get(function, query));
            }
            if (input != null) {
                anyInput.add(input);
            }
            types.forEach(allTypes::add);
        }
        pathItems.putObject(paths.get("")).set("post", cloudEvents(anyInput, allTypes));
        root.set("components", components);
        ArrayNode tags = root.putArray("tags");
        tags.addObject().put("name", TAG).put("description", "Functions: POST or GET /<function>, CloudEvents on POST /");
        return root;
    }

    private static ObjectNode post(FunctionSchema function, List<String> types) {
        ObjectNode operation = operation(function.getName(), "Invokes function '" + function.getName() + "'"
                + (!function.hasInput() ? "; the body is ignored."
                        : "application/json".equals(function.getInputMediaType()) ? " with its input as the JSON body."
                                : " with its input as the body, as is (" + function.getInputMediaType() + ")."));
        operation.put("operationId", function.getName());
        ArrayNode cloudEventTypes = operation.putArray("x-cloudevent-types");
        types.forEach(cloudEventTypes::add);
        if (function.hasInput()) {
            ObjectNode body = operation.putObject("requestBody").put("required", true);
            body.putObject("content").putObject(function.getInputMediaType())
                    .set("schema", parse(function.getInputFragment()));
        }
        ObjectNode responses = responses(operation, function);
        if (function.hasInput()) {
            responses.set("400", ref(BAD_INPUT));
        }
        if ("application/json".equals(function.getInputMediaType())) {
            responses.set("415", ref(UNSUPPORTED));
        }
        responses.set("413", ref(TOO_LARGE));
        sortResponses(responses);
        return operation;
    }

    private static ObjectNode get(FunctionSchema function, ArrayNode parameters) {
        ObjectNode operation = operation(function.getName(), "Invokes function '" + function.getName() + "'"
                + (function.hasInput() ? " with its input as query parameters: a dotted name nests, a repeated name"
                        + " is an array." : "."));
        operation.put("operationId", function.getName() + "-get");
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        ObjectNode responses = responses(operation, function);
        if (function.hasInput()) {
            responses.set("400", ref(BAD_QUERY));
        }
        sortResponses(responses);
        return operation;
    }

    private static ObjectNode operation(String name, String description) {
        ObjectNode operation = JSON.createObjectNode();
        operation.putArray("tags").add(TAG);
        operation.put("summary", "Function " + name);
        operation.put("description", description);
        return operation;
    }

    private static ObjectNode responses(ObjectNode operation, FunctionSchema function) {
        ObjectNode responses = operation.putObject("responses");
        if (function.hasOutput()) {
            ObjectNode ok = responses.putObject("200").put("description", "The function's result.");
            ok.set("headers", requestIdHeader());
            ok.putObject("content").putObject(function.getOutputMediaType())
                    .set("schema", parse(function.getOutputFragment()));
        } else {
            responses.putObject("204").put("description", "The function ran; it returns no result.")
                    .set("headers", requestIdHeader());
        }
        responses.set("4XX", ref(CLIENT_ERROR));
        responses.set("500", ref(INTERNAL_ERROR));
        responses.set("503", ref(UNAVAILABLE));
        responses.set("504", ref(DEADLINE));
        return responses;
    }

    private static ObjectNode cloudEvents(ArrayNode inputs, ArrayNode types) {
        ObjectNode operation = JSON.createObjectNode();
        operation.putArray("tags").add(TAG);
        operation.put("operationId", "cloudevent");
        operation.put("summary", "CloudEvents");
        operation.put("description", "A CloudEvent 1.0 in binary mode (ce-* headers, the data as body) or structured mode"
                + " (Content-Type " + CloudEvents.STRUCTURED_CONTENT_TYPE + "), routed to the function that serves its"
                + " type (see x-cloudevent-types of each function). The reply is a CloudEvent of type"
                + " <function>.output in the same mode.");
        ArrayNode parameters = operation.putArray("parameters");
        header(parameters, "ce-specversion", "Binary mode: the CloudEvents version, 1.0.").putArray("enum").add("1.0");
        header(parameters, "ce-id", "Binary mode: the event id.");
        header(parameters, "ce-source", "Binary mode: the event source.");
        header(parameters, "ce-type", "Binary mode: the event type, which selects the function.").set("enum", types);
        ObjectNode content = operation.putObject("requestBody").put("required", true).putObject("content");
        content.putObject(CloudEvents.STRUCTURED_CONTENT_TYPE).putObject("schema").put("$ref", REF + CLOUD_EVENT);
        ObjectNode data = content.putObject("application/json").putObject("schema");
        if (!inputs.isEmpty()) {
            data.set("anyOf", inputs);
        }
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The reply event, in the mode of the request.");
        ok.set("headers", requestIdHeader());
        ObjectNode replyContent = ok.putObject("content");
        replyContent.putObject(CloudEvents.STRUCTURED_CONTENT_TYPE).putObject("schema").put("$ref", REF + CLOUD_EVENT);
        replyContent.putObject("application/json").putObject("schema");
        responses.putObject("204").put("description", "The function ran; it returns no result.")
                .set("headers", requestIdHeader());
        responses.set("400", ref(INVALID_EVENT));
        responses.set("404", ref(NO_FUNCTION));
        responses.set("413", ref(TOO_LARGE));
        responses.set("4XX", ref(CLIENT_ERROR));
        responses.set("500", ref(INTERNAL_ERROR));
        responses.set("503", ref(UNAVAILABLE));
        responses.set("504", ref(DEADLINE));
        sortResponses(responses);
        return operation;
    }

    private static ObjectNode header(ArrayNode parameters, String name, String description) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "header").put("required", false)
                .put("description", description);
        return parameter.putObject("schema").put("type", "string");
    }

    /**
     * Query parameters of the GET operation, from the input's properties; {@code null} when the input is not a JSON
     * object and so cannot be given as query parameters.
     */
    static ArrayNode queryParameters(JsonNode input, ObjectNode definitions) {
        JsonNode object = resolve(input, definitions);
        if (object == null || !isObject(object) || !object.has("properties")) {
            return null;
        }
        ArrayNode parameters = JSON.createArrayNode();
        addParameters(parameters, "", object, definitions, true, 0);
        return parameters;
    }

    private static void addParameters(ArrayNode parameters, String prefix, JsonNode object, ObjectNode definitions,
            boolean parentRequired, int depth) {
        JsonNode required = object.path("required");
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            boolean isRequired = parentRequired && contains(required, property.getKey());
            JsonNode nested = resolve(property.getValue(), definitions);
            if (nested != null && isObject(nested) && nested.has("properties") && depth < 3) {
                addParameters(parameters, prefix + property.getKey() + ".", nested, definitions, isRequired, depth + 1);
                continue;
            }
            ObjectNode parameter = parameters.addObject();
            parameter.put("name", prefix + property.getKey()).put("in", "query").put("required", isRequired);
            parameter.set("schema", property.getValue());
        }
    }

    /**
     * @return the schema behind a {@code $ref}, or behind the nullable form {@code anyOf: [null, $ref]}
     */
    private static JsonNode resolve(JsonNode schema, ObjectNode definitions) {
        JsonNode current = schema;
        if (current.has("anyOf") && current.get("anyOf").size() == 2) {
            for (JsonNode option : current.get("anyOf")) {
                if (option.has("$ref")) {
                    current = option;
                }
            }
        }
        if (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            return ref.startsWith(REF) ? definitions.get(ref.substring(REF.length())) : null;
        }
        return current;
    }

    private static boolean isObject(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            return contains(type, "object");
        }
        return "object".equals(type.asText());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The problem responses of the error table, shared by every operation.
     */
    private static ObjectNode sharedResponses() {
        ObjectNode responses = JSON.createObjectNode();
        responses.set(BAD_INPUT, problem("Bad input: " + codes(Errors.MALFORMED_JSON, Errors.INVALID_INPUT,
                Errors.MISSING_INPUT, Errors.VALIDATION_FAILED) + ". Constraint violations are listed in `violations`."));
        responses.set(BAD_QUERY, problem("Bad query parameters: " + codes(Errors.INVALID_INPUT, Errors.VALIDATION_FAILED)
                + ". Constraint violations are listed in `violations`."));
        responses.set(TOO_LARGE, problem("The body is larger than quarkus.functions.max-input-size: "
                + codes(Errors.PAYLOAD_TOO_LARGE) + "."));
        responses.set(UNSUPPORTED, problem("The function takes JSON and the body's Content-Type is plainly not JSON: "
                + codes(Errors.UNSUPPORTED_MEDIA_TYPE) + ". No Content-Type, and application/x-www-form-urlencoded"
                + " (curl's default), are read as JSON."));
        responses.set(CLIENT_ERROR, problem("The function rejected the request with a ClientException: its own status"
                + " and code."));
        responses.set(INTERNAL_ERROR, problem("The function failed: " + codes(Errors.INTERNAL_ERROR)
                + ". The detail carries the request id, never the cause."));
        ObjectNode unavailable = problem("A transient failure; retry after `Retry-After` seconds: "
                + codes(Errors.TRANSIENT_ERROR) + ". An event sender retries.");
        ((ObjectNode) unavailable.get("headers")).putObject("Retry-After").put("$ref", HEADERS + "Retry-After");
        responses.set(UNAVAILABLE, unavailable);
        responses.set(DEADLINE, problem("The function did not finish before its deadline: "
                + codes(Errors.DEADLINE_EXCEEDED) + "."));
        responses.set(INVALID_EVENT, problem("Not a valid CloudEvent (" + codes(Errors.INVALID_CLOUDEVENT)
                + "), or bad input for the function."));
        responses.set(NO_FUNCTION, problem("No function serves the event's type: " + codes(Errors.FUNCTION_NOT_FOUND)
                + "."));
        return responses;
    }

    private static ObjectNode problem(String description) {
        ObjectNode response = JSON.createObjectNode().put("description", description);
        response.set("headers", requestIdHeader());
        response.putObject("content").putObject(Problems.CONTENT_TYPE).putObject("schema").put("$ref", REF + PROBLEM);
        return response;
    }

    private static ObjectNode ref(String response) {
        return JSON.createObjectNode().put("$ref", RESPONSES + response);
    }

    private static ObjectNode requestIdHeader() {
        ObjectNode headers = JSON.createObjectNode();
        headers.putObject(HttpDispatcher.REQUEST_ID).put("$ref", HEADERS + HttpDispatcher.REQUEST_ID);
        return headers;
    }

    static void sortResponses(ObjectNode responses) {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        responses.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue()));
        responses.removeAll();
        responses.setAll(sorted);
    }

    private static String codes(String... codes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < codes.length; i++) {
            if (i > 0) {
                out.append(i == codes.length - 1 ? " or " : ", ");
            }
            out.append('`').append(codes[i]).append('`');
        }
        return out.toString();
    }

    /**
     * The problem document written by {@link Problems} (RFC 9457).
     */
    static ObjectNode problemSchema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object")
                .put("description", "An RFC 9457 problem document. Never carries a stack trace or a class name.");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string").put("description", Problems.TYPE_PREFIX + "<code>")
                .put("pattern", "^" + Problems.TYPE_PREFIX.replace(".", "\\.") + ".+$");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer").put("minimum", 400).put("maximum", 599);
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string").put("description", "The request id.");
        properties.putObject("code").put("type", "string").put("description", "The error code, such as "
                + Errors.VALIDATION_FAILED + ", or the code of a ClientException.");
        properties.putObject("retryAfterSeconds").put("type", "integer").put("minimum", 1)
                .put("description", "Only for a transient error that gives a retry time.");
        ObjectNode violation = properties.putObject("violations").put("type", "array")
                .put("description", "Only for " + Errors.VALIDATION_FAILED + ", sorted by field.")
                .putObject("items").put("type", "object");
        ObjectNode violationProperties = violation.putObject("properties");
        violationProperties.putObject("field").put("type", "string")
                .put("description", "The path of the field, such as name or [1].sku.");
        violationProperties.putObject("message").put("type", "string");
        violation.putArray("required").add("field").add("message");
        schema.putArray("required").add("type").add("title").add("status").add("detail").add("instance").add("code");
        return schema;
    }

    static ObjectNode cloudEventSchema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object")
                .put("description", "A CloudEvent 1.0 in structured mode; data is the function's input or output.");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("specversion").put("type", "string").putArray("enum").add("1.0");
        properties.putObject("id").put("type", "string").put("minLength", 1);
        properties.putObject("source").put("type", "string").put("minLength", 1);
        properties.putObject("type").put("type", "string").put("minLength", 1);
        properties.putObject("datacontenttype").put("type", "string");
        properties.putObject("subject").put("type", "string");
        properties.putObject("time").put("type", "string").put("format", "date-time");
        properties.putObject("data");
        schema.putArray("required").add("specversion").add("id").add("source").add("type");
        return schema;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Reading a generated JSON Schema failed", e);
        }
    }
}
