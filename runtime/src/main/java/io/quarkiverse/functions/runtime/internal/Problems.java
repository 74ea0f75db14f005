package io.quarkiverse.functions.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Violation;

/**
 * Writes a {@link FunctionError} as an RFC 9457 problem document. Written with a streaming generator, so no
 * reflection is needed in native mode.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:quarkus-functions:problem:";

    private static final JsonFactory JSON = new JsonFactory();

    private Problems() {
    }

    /**
     * @param error the failure
     * @param requestId the request id, written as {@code instance}
     */
    public static byte[] toJson(FunctionError error, String requestId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", TYPE_PREFIX + error.code());
            json.writeStringField("title", error.title());
            json.writeNumberField("status", error.status());
            json.writeStringField("detail", error.detail());
            json.writeStringField("instance", requestId);
            json.writeStringField("code", error.code());
            if (error.retryAfter() != null) {
                json.writeNumberField("retryAfterSeconds", retryAfterSeconds(error));
            }
            if (!error.violations().isEmpty()) {
                json.writeArrayFieldStart("violations");
                for (Violation violation : error.violations()) {
                    json.writeStartObject();
                    json.writeStringField("field", violation.field());
                    json.writeStringField("message", violation.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the problem document of request " + requestId, e);
        }
        return out.toByteArray();
    }

    /**
     * @return the {@code Retry-After} value in whole seconds, at least 1
     */
    public static long retryAfterSeconds(FunctionError error) {
        if (error.retryAfter() == null) {
            return 0;
        }
        long millis = error.retryAfter().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
