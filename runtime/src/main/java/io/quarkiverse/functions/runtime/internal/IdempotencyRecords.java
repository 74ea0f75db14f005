package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionError.Violation;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.PayloadType;

/**
 * The values an {@code IdempotencyStore} holds for a key: an in-progress marker while the first delivery runs, then
 * the recorded outcome. Both carry the input's fingerprint, so that a key reused with another input is told apart. A
 * small JSON document, readable in the store: {@code {"state":"running","input":"…","token":"…","until":…}} and
 * {@code {"state":"done","input":"…","type":"JSON","body":"<base64>"}} or {@code …,"error":{…}}.
 */
public final class IdempotencyRecords {

    /**
     * Jackson's defaults: the records are this class's own documents, not users' types. Created when an idempotent
     * function is first invoked (this class's initialisation), not at start-up.
     */
    static final ObjectMapper JSON = new ObjectMapper();

    /** A store's value, decoded. {@code outcome} is {@code null} while running. */
    record Entry(boolean running, String input, long until, Outcome outcome) {
    }

    private IdempotencyRecords() {
    }

    static String running(String fingerprint, String token, long untilEpochMillis) {
        ObjectNode node = JSON.createObjectNode().put("state", "running").put("input", fingerprint).put("token", token)
                .put("until", untilEpochMillis);
        return node.toString();
    }

    /**
     * @param outcome a success or a client error: what a repeat is answered with
     */
    static String done(String fingerprint, Outcome outcome) {
        ObjectNode node = JSON.createObjectNode().put("state", "done").put("input", fingerprint);
        if (outcome.isSuccess()) {
            node.put("type", outcome.payloadType().name());
            if (outcome.body() != null) {
                node.put("body", Base64.getEncoder().encodeToString(outcome.body()));
            }
        } else {
            FunctionError error = outcome.error();
            ObjectNode problem = node.putObject("error").put("status", error.status()).put("code", error.code())
                    .put("title", error.title()).put("detail", error.detail());
            if (!error.violations().isEmpty()) {
                ArrayNode violations = problem.putArray("violations");
                for (Violation violation : error.violations()) {
                    violations.addObject().put("field", violation.field()).put("message", violation.message());
                }
            }
        }
        return node.toString();
    }

    /**
     * @throws IOException when the value is not one of these documents (another application's key, a damaged value)
     */
    static Entry read(String value, String requestId, String functionName) throws IOException {
        JsonNode node = JSON.readTree(value);
        String input = node.path("input").asText(null);
        if (input == null || !node.path("state").isTextual()) {
            throw new IOException("not an idempotency record");
        }
        if ("running".equals(node.get("state").asText())) {
            return new Entry(true, input, node.path("until").asLong(), null);
        }
        JsonNode error = node.get("error");
        if (error != null) {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode violation : error.path("violations")) {
                violations.add(new Violation(violation.path("field").asText(), violation.path("message").asText()));
            }
            FunctionError recorded = new FunctionError(Kind.CLIENT, error.path("status").asInt(400),
                    error.path("code").asText(), error.path("title").asText(), error.path("detail").asText(), null,
                    List.copyOf(violations));
            return new Entry(false, input, 0, Outcome.replay(requestId, functionName, null, PayloadType.JSON, recorded));
        }
        byte[] body = node.hasNonNull("body") ? Base64.getDecoder().decode(node.get("body").asText()) : null;
        PayloadType type = PayloadType.valueOf(node.path("type").asText(PayloadType.JSON.name()));
        return new Entry(false, input, 0, Outcome.replay(requestId, functionName, body, type, null));
    }

    /**
     * The input's fingerprint: SHA-256 of its bytes as received (or of its JSON tree), base64url.
     */
    public static String fingerprint(FunctionInput input) {
        byte[] bytes = input.bytes();
        if (bytes == null) {
            bytes = input.jsonTree() == null ? new byte[0]
                    : input.jsonTree().toString().getBytes(StandardCharsets.UTF_8);
        }
        return sha256(bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
