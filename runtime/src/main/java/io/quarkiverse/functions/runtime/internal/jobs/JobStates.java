package io.quarkiverse.functions.runtime.internal.jobs;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkiverse.functions.runtime.internal.Problems;
import io.quarkiverse.functions.runtime.jobs.Job;

/**
 * A job's state, as the store keeps it and as {@code GET /<function>/jobs/<id>} answers it: one JSON document,
 * {@code {"id":…,"function":…,"status":"pending|running|succeeded|failed","attempts":…,"acceptedAt":…,"updatedAt":…}}
 * with {@code result} once it succeeded (the result's JSON, a string for text, base64 for bytes with
 * {@code "resultEncoding":"base64"}) or {@code problem} (the problem document) once it failed, and
 * {@code "deadLettered":true} when it failed after its last attempt.
 */
final class JobStates {

    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /** Jackson's defaults: these are this class's own documents. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobStates() {
    }

    static String key(String function, String id) {
        return "job:" + function + ":" + id;
    }

    static String pending(Job job) {
        return base(job, PENDING, 0).toString();
    }

    static String running(Job job, int attempt) {
        return base(job, RUNNING, attempt).toString();
    }

    static String done(Job job, int attempts, Outcome outcome, boolean deadLettered) throws IOException {
        ObjectNode state = base(job, outcome.isSuccess() ? SUCCEEDED : FAILED, attempts);
        if (outcome.isSuccess()) {
            byte[] body = outcome.body();
            if (body != null) {
                if (outcome.payloadType() == PayloadType.JSON) {
                    state.set("result", JSON.readTree(body));
                } else if (outcome.payloadType() == PayloadType.TEXT) {
                    state.put("result", new String(body, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    state.put("result", Base64.getEncoder().encodeToString(body)).put("resultEncoding", "base64");
                }
            }
        } else {
            state.set("problem", JSON.readTree(Problems.toJson(outcome.error(), outcome.requestId())));
            if (deadLettered) {
                state.put("deadLettered", true);
            }
        }
        return state.toString();
    }

    /**
     * @return the state's status, or {@code null} when the value is not a job state
     */
    static String status(String state) {
        if (state == null) {
            return null;
        }
        try {
            return JSON.readTree(state).path("status").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isFinal(String status) {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    private static ObjectNode base(Job job, String status, int attempts) {
        ObjectNode state = JSON.createObjectNode();
        state.put("id", job.id()).put("function", job.function()).put("status", status).put("attempts", attempts)
                .put("acceptedAt", Instant.ofEpochMilli(job.acceptedAt()).toString())
                .put("updatedAt", Instant.now().toString());
        return state;
    }
}
