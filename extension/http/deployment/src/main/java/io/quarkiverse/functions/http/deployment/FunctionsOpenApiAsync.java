package io.quarkiverse.functions.http.deployment;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;

/**
 * The async bridge and idempotency in the OpenAPI fragment: the {@code Prefer} and {@code Idempotency-Key} headers of
 * every {@code POST /<function>}, its {@code 202}, the {@code 409} and {@code 422} of idempotent functions, and the job
 * resource {@code GET /<function>/jobs/{id}}. Kept apart from {@link FunctionsOpenApiFragment}, which describes the
 * synchronous surface.
 */
final class FunctionsOpenApiAsync {

    static final String JOB = "FunctionJob";
    static final String ACCEPTED = "FunctionAccepted";
    static final String IN_PROGRESS = "FunctionIdempotencyInProgress";
    static final String KEY_REUSED = "FunctionIdempotencyKeyReused";
    static final String NO_JOB = "FunctionJobNotFound";
    private static final String REF = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final String HEADERS = "#/components/headers/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionsOpenApiAsync() {
    }

    /**
     * @param paths the path of each function
     * @param idempotent the functions that are idempotent at build time ({@code @Idempotent}, or configured so)
     */
    static void addTo(ObjectNode root, Map<String, String> paths, Set<String> idempotent) {
        ObjectNode components = (ObjectNode) root.get("components");
        ((ObjectNode) components.get("schemas")).set(JOB, jobSchema());
        ObjectNode headers = (ObjectNode) components.get("headers");
        headers.putObject("Location").put("description", "The job resource: GET it for the job's state and result.")
                .putObject("schema").put("type", "string").put("format", "uri-reference");
        headers.putObject(HttpDispatcher.IDEMPOTENT_REPLAYED)
                .put("description", "true when the answer is the recorded outcome of an earlier request with this "
                        + "Idempotency-Key; the function did not run again.")
                .putObject("schema").put("type", "string").putArray("enum").add("true");
        ObjectNode responses = (ObjectNode) components.get("responses");
        responses.set(ACCEPTED, accepted());
        responses.set(IN_PROGRESS, problem("A request with this Idempotency-Key is still running: "
                + "`" + Errors.IDEMPOTENCY_IN_PROGRESS + "`. Retry after `Retry-After` seconds.", true));
        responses.set(KEY_REUSED, problem("This Idempotency-Key was used with another input: `"
                + Errors.IDEMPOTENCY_KEY_REUSED + "`.", false));
        responses.set(NO_JOB, problem("No such job, or its state expired (quarkus.functions.jobs.retention): "
                + "`job-not-found`.", false));
        ObjectNode unavailable = (ObjectNode) responses.get(FunctionsOpenApiFragment.UNAVAILABLE);
        unavailable.put("description", unavailable.get("description").asText() + " Also `job-queue-full` (the async "
                + "queue is at its bound), `" + Errors.IDEMPOTENCY_STORE_UNAVAILABLE + "` and `job-queue-unavailable`.");

        ObjectNode pathItems = (ObjectNode) root.get("paths");
        for (Map.Entry<String, String> function : paths.entrySet()) {
            String name = function.getKey();
            if (name.isEmpty() || !pathItems.has(function.getValue())) {
                continue;
            }
            ObjectNode post = (ObjectNode) pathItems.get(function.getValue()).get("post");
            ArrayNode parameters = post.has("parameters") ? (ArrayNode) post.get("parameters") : post.putArray("parameters");
            header(parameters, "Prefer", "respond-async (RFC 7240): accept the call as a job, answered 202 with its "
                    + "Location, instead of waiting for the result.");
            header(parameters, "Idempotency-Key", idempotent.contains(name)
                    ? "Keys the request (IETF httpapi draft): a repeat with the same key and body is answered with the "
                            + "first one's outcome, with Idempotent-Replayed: true, without running the function again."
                    : "With Prefer: respond-async, a repeat with the same key is answered with the first one's job.");
            ObjectNode postResponses = (ObjectNode) post.get("responses");
            postResponses.set("202", ref(ACCEPTED));
            if (idempotent.contains(name)) {
                postResponses.set("409", ref(IN_PROGRESS));
                postResponses.set("422", ref(KEY_REUSED));
                ObjectNode success = (ObjectNode) (postResponses.has("200") ? postResponses.get("200")
                        : postResponses.get("204"));
                ((ObjectNode) success.get("headers")).putObject(HttpDispatcher.IDEMPOTENT_REPLAYED)
                        .put("$ref", HEADERS + HttpDispatcher.IDEMPOTENT_REPLAYED);
            }
            FunctionsOpenApiFragment.sortResponses(postResponses);
            pathItems.putObject(function.getValue() + "/jobs/{id}").set("get", jobOperation(name));
        }
    }

    private static ObjectNode jobOperation(String function) {
        ObjectNode operation = JSON.createObjectNode();
        operation.putArray("tags").add(FunctionsOpenApiFragment.TAG);
        operation.put("operationId", function + "-job");
        operation.put("summary", "Job of function " + function);
        operation.put("description", "The state of a job accepted with Prefer: respond-async, with the result once it "
                + "succeeded or the problem once it failed.");
        ArrayNode parameters = operation.putArray("parameters");
        parameters.addObject().put("name", "id").put("in", "path").put("required", true)
                .putObject("schema").put("type", "string");
        header(parameters, "Prefer", "wait=<seconds> (RFC 7240, at most 60): answer once the job is final, or when the "
                + "time is up.");
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The job's state.");
        ok.putObject("headers").putObject(HttpDispatcher.REQUEST_ID).put("$ref", HEADERS + HttpDispatcher.REQUEST_ID);
        ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", REF + JOB);
        responses.set("404", ref(NO_JOB));
        responses.set("503", ref(FunctionsOpenApiFragment.UNAVAILABLE));
        return operation;
    }

    private static ObjectNode accepted() {
        ObjectNode response = JSON.createObjectNode().put("description", "Accepted as a job (Prefer: respond-async, or "
                + "a function configured async-only): its state is at Location.");
        ObjectNode headers = response.putObject("headers");
        headers.putObject(HttpDispatcher.REQUEST_ID).put("$ref", HEADERS + HttpDispatcher.REQUEST_ID);
        headers.putObject("Location").put("$ref", HEADERS + "Location");
        headers.putObject("Retry-After").put("$ref", HEADERS + "Retry-After");
        headers.putObject(HttpDispatcher.IDEMPOTENT_REPLAYED).put("$ref", HEADERS + HttpDispatcher.IDEMPOTENT_REPLAYED);
        response.putObject("content").putObject("application/json").putObject("schema").put("$ref", REF + JOB);
        return response;
    }

    private static ObjectNode problem(String description, boolean retryAfter) {
        ObjectNode response = JSON.createObjectNode().put("description", description);
        ObjectNode headers = response.putObject("headers");
        headers.putObject(HttpDispatcher.REQUEST_ID).put("$ref", HEADERS + HttpDispatcher.REQUEST_ID);
        if (retryAfter) {
            headers.putObject("Retry-After").put("$ref", HEADERS + "Retry-After");
        }
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", REF + FunctionsOpenApiFragment.PROBLEM);
        return response;
    }

    static ObjectNode jobSchema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object")
                .put("description", "An async job's state, kept for quarkus.functions.jobs.retention.");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("id").put("type", "string");
        properties.putObject("function").put("type", "string");
        properties.putObject("status").put("type", "string").putArray("enum").add("pending").add("running")
                .add("succeeded").add("failed");
        properties.putObject("attempts").put("type", "integer").put("minimum", 0);
        properties.putObject("acceptedAt").put("type", "string").put("format", "date-time");
        properties.putObject("updatedAt").put("type", "string").put("format", "date-time");
        properties.putObject("result").put("description", "Once succeeded: the function's result (JSON; a string for "
                + "text; base64 for bytes).");
        properties.putObject("resultEncoding").put("type", "string").putArray("enum").add("base64");
        properties.putObject("problem").put("$ref", REF + FunctionsOpenApiFragment.PROBLEM);
        properties.putObject("deadLettered").put("type", "boolean")
                .put("description", "true when the job failed after its last attempt.");
        schema.putArray("required").add("id").add("function").add("status").add("attempts").add("acceptedAt");
        return schema;
    }

    private static ObjectNode header(ArrayNode parameters, String name, String description) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "header").put("required", false)
                .put("description", description);
        return parameter.putObject("schema").put("type", "string");
    }

    private static ObjectNode ref(String response) {
        return JSON.createObjectNode().put("$ref", RESPONSES + response);
    }
}
