package io.quarkiverse.functions.googlecloudfunctions.runtime.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The deliveries of Google Cloud Functions, as the Functions Framework receives them over HTTP: the headers (with the
 * pseudo-headers {@code :method} and {@code :path}) and the body. Events are CloudEvents in binary mode, as Eventarc
 * sends them, except the legacy background events of Cloud Functions (1st gen), which are JSON documents.
 */
final class GoogleSampleEvents {

    static final String PROJECT = "my-project";
    static final String METHOD = ":method";
    static final String PATH = ":path";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A delivery: its headers, pseudo-headers included, and its body (JSON). */
    record Delivery(Map<String, String> headers, JsonNode body, String text) {
    }

    private GoogleSampleEvents() {
    }

    /** An HTTP request to the function's URL, the input as its JSON body ({@code GET} without one). */
    static Map<String, String> http(String input) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(METHOD, input == null ? "GET" : "POST");
        headers.put(PATH, "/");
        headers.put("user-agent", "curl/8.5.0");
        headers.put("accept", "*/*");
        if (input != null) {
            headers.put("content-type", "application/json");
        }
        headers.put("traceparent", traceparent());
        return headers;
    }

    /** A message published on the topic {@code <function>}: the input is the message's data, base64-encoded. */
    static Delivery pubsub(String function, String messageText) {
        String messageId = digits(16);
        String published = now();
        ObjectNode body = NODES.objectNode();
        ObjectNode message = body.putObject("message");
        message.putObject("attributes");
        if (messageText != null) {
            message.put("data", Base64.getEncoder().encodeToString(messageText.getBytes(StandardCharsets.UTF_8)));
        }
        message.put("messageId", messageId)
                .put("message_id", messageId)
                .put("publishTime", published)
                .put("publish_time", published);
        body.put("subscription", "projects/" + PROJECT + "/subscriptions/eventarc-us-central1-" + function + "-sub-"
                + digits(3));
        Map<String, String> headers = cloudEvent(messageId, "//pubsub.googleapis.com/projects/" + PROJECT + "/topics/"
                + function, "google.cloud.pubsub.topic.v1.messagePublished", null, published);
        return new Delivery(headers, body, null);
    }

    /**
     * A new object in the bucket {@code <function>-uploads}: the data is the object's metadata, what the function
     * receives; the input is the object's content, so only its size shows.
     */
    static Delivery storage(String function, String content) {
        String bucket = function.toLowerCase(Locale.ROOT) + "-uploads";
        String name = "incoming/" + UUID.randomUUID() + ".json";
        String generation = Long.toString(Instant.now().toEpochMilli() * 1000);
        String created = now();
        byte[] bytes = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        ObjectNode body = NODES.objectNode()
                .put("kind", "storage#object")
                .put("id", bucket + "/" + name + "/" + generation)
                .put("selfLink", "https://www.googleapis.com/storage/v1/b/" + bucket + "/o/" + name.replace("/", "%2F"))
                .put("name", name)
                .put("bucket", bucket)
                .put("generation", generation)
                .put("metageneration", "1")
                .put("contentType", "application/json")
                .put("timeCreated", created)
                .put("updated", created)
                .put("storageClass", "STANDARD")
                .put("timeStorageClassUpdated", created)
                .put("size", Integer.toString(bytes.length))
                .put("md5Hash", Base64.getEncoder().encodeToString(randomBytes(16)))
                .put("mediaLink", "https://storage.googleapis.com/download/storage/v1/b/" + bucket + "/o/"
                        + name.replace("/", "%2F") + "?generation=" + generation + "&alt=media")
                .put("crc32c", Base64.getEncoder().encodeToString(randomBytes(4)))
                .put("etag", Base64.getEncoder().encodeToString(randomBytes(8)));
        Map<String, String> headers = cloudEvent(digits(16), "//storage.googleapis.com/projects/_/buckets/" + bucket,
                "google.cloud.storage.object.v1.finalized", "objects/" + name, created);
        return new Delivery(headers, body, null);
    }

    /**
     * A CloudEvent of the given type, the input as its JSON data.
     */
    static Delivery cloudEvent(String function, String type, String input) {
        Map<String, String> headers = cloudEvent(UUID.randomUUID().toString(), "//example.com/" + function, type, null,
                now());
        return new Delivery(headers, null, input);
    }

    /**
     * A document written in Firestore, as the legacy background event (its CloudEvent carries protobuf data, which the
     * binding does not decode): the input's fields are the new document's, as Firestore values.
     */
    static Delivery firestore(String function, JsonNode input) {
        String document = "projects/" + PROJECT + "/databases/(default)/documents/" + function + "/"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String time = now();
        ObjectNode body = NODES.objectNode();
        ObjectNode context = body.putObject("context")
                .put("eventId", UUID.randomUUID() + "-0")
                .put("eventType", "providers/cloud.firestore/eventTypes/document.write")
                .put("timestamp", time);
        context.putObject("resource").put("name", document).put("service", "firestore.googleapis.com");
        ObjectNode data = body.putObject("data");
        data.putObject("oldValue");
        data.putObject("updateMask");
        ObjectNode value = data.putObject("value").put("createTime", time);
        value.set("fields", input.isObject() ? firestoreValue(input).get("mapValue").get("fields")
                : NODES.objectNode().set("value", firestoreValue(input)));
        value.put("name", document).put("updateTime", time);
        return new Delivery(jsonHeaders(), body, null);
    }

    /** A message published on the topic {@code <function>}, as a legacy background event. */
    static Delivery legacyPubsub(String function, String messageText) {
        ObjectNode body = NODES.objectNode();
        ObjectNode context = body.putObject("context")
                .put("eventId", digits(16))
                .put("timestamp", now())
                .put("eventType", "google.pubsub.topic.publish");
        context.putObject("resource")
                .put("service", "pubsub.googleapis.com")
                .put("name", "projects/" + PROJECT + "/topics/" + function)
                .put("type", "type.googleapis.com/google.pubsub.v1.PubsubMessage");
        ObjectNode data = body.putObject("data").put("@type", "type.googleapis.com/google.pubsub.v1.PubsubMessage");
        data.putObject("attributes");
        if (messageText != null) {
            data.put("data", Base64.getEncoder().encodeToString(messageText.getBytes(StandardCharsets.UTF_8)));
        }
        return new Delivery(jsonHeaders(), body, null);
    }

    /** Plain JSON as a Firestore value: {@code "Ada"} is {@code {"stringValue":"Ada"}}. */
    static ObjectNode firestoreValue(JsonNode value) {
        ObjectNode typed = NODES.objectNode();
        if (value.isObject()) {
            ObjectNode fields = typed.putObject("mapValue").putObject("fields");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                fields.set(field.getKey(), firestoreValue(field.getValue()));
            }
        } else if (value.isArray()) {
            ArrayNode values = typed.putObject("arrayValue").putArray("values");
            value.forEach(element -> values.add(firestoreValue(element)));
        } else if (value.isIntegralNumber()) {
            typed.put("integerValue", value.asText());
        } else if (value.isNumber()) {
            typed.put("doubleValue", value.asDouble());
        } else if (value.isBoolean()) {
            typed.put("booleanValue", value.asBoolean());
        } else if (value.isNull()) {
            typed.putNull("nullValue");
        } else {
            typed.put("stringValue", value.asText());
        }
        return typed;
    }

    private static Map<String, String> cloudEvent(String id, String source, String type, String subject, String time) {
        Map<String, String> headers = jsonHeaders();
        headers.put("ce-id", id);
        headers.put("ce-source", source);
        headers.put("ce-specversion", "1.0");
        headers.put("ce-type", type);
        if (subject != null) {
            headers.put("ce-subject", subject);
        }
        headers.put("ce-time", time);
        headers.put("traceparent", traceparent());
        return headers;
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(METHOD, "POST");
        headers.put(PATH, "/");
        headers.put("content-type", "application/json");
        headers.put("user-agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)");
        return headers;
    }

    private static String traceparent() {
        return "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder().append(1 + ThreadLocalRandom.current().nextInt(9));
        while (digits.length() < count) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
