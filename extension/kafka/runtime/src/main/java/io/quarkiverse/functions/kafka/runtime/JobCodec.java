package io.quarkiverse.functions.kafka.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.quarkiverse.functions.runtime.jobs.Job;

/**
 * A {@link Job} as the value of a Kafka record: one UTF-8 JSON object, readable with any Kafka tool.
 *
 * <pre>
 * {"v":1,"id":"…","function":"…","input":"&lt;base64&gt;","mediaType":"…","idempotencyKey":"…","traceId":"…","acceptedAt":1700000000000}
 * </pre>
 *
 * {@code v} is the format's version (a reader refuses a later one rather than misread it); {@code input} is the
 * payload's bytes in standard Base64 (JSON has no bytes); fields that are {@code null} are left out; unknown fields
 * are skipped, so a later version may add some. Written with Jackson's streaming API: no reflection, so nothing to
 * register for a native image, and no object mapper configuration of the application applies.
 */
final class JobCodec {

    static final int VERSION = 1;

    private final JsonFactory json = new JsonFactory();

    byte[] encode(Job job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + job.input().length * 4 / 3);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("id", job.id());
            g.writeStringField("function", job.function());
            g.writeFieldName("input");
            g.writeBinary(job.input());
            writeOptional(g, "mediaType", job.mediaType());
            writeOptional(g, "idempotencyKey", job.idempotencyKey());
            writeOptional(g, "traceId", job.traceId());
            g.writeNumberField("acceptedAt", job.acceptedAt());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a job of a version this reader knows
     */
    Job decode(byte[] bytes) {
        String id = null;
        String function = null;
        byte[] input = new byte[0];
        String mediaType = null;
        String idempotencyKey = null;
        String traceId = null;
        long acceptedAt = 0;
        try (JsonParser p = json.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (name) {
                    case "v":
                        if (p.getIntValue() > VERSION) {
                            throw new IllegalArgumentException("job format version " + p.getIntValue()
                                    + " is later than " + VERSION);
                        }
                        break;
                    case "id":
                        id = p.getText();
                        break;
                    case "function":
                        function = p.getText();
                        break;
                    case "input":
                        input = p.getBinaryValue();
                        break;
                    case "mediaType":
                        mediaType = p.getText();
                        break;
                    case "idempotencyKey":
                        idempotencyKey = p.getText();
                        break;
                    case "traceId":
                        traceId = p.getText();
                        break;
                    case "acceptedAt":
                        acceptedAt = p.getLongValue();
                        break;
                    default:
                        p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a job: " + e.getMessage(), e);
        }
        if (id == null || function == null) {
            throw new IllegalArgumentException("not a job: no id or function");
        }
        return new Job(id, function, input, mediaType, idempotencyKey, traceId, acceptedAt);
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
