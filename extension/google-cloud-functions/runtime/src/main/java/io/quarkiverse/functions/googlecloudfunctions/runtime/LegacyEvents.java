package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.quarkiverse.functions.runtime.internal.Errors;

/**
 * Converts the legacy event format of Cloud Functions (1st gen "background" events: {@code {"context":{...},
 * "data":{...}}}, or the older form with the context fields at the top level) to the CloudEvent that Google's Functions
 * Framework and Eventarc deliver for the same event, so that one function serves both.
 * <p>
 * The mapping of event types, sources and subjects follows the CloudEvents that Google publishes for Pub/Sub, Cloud
 * Storage, Firestore and Firebase (the {@code google-cloudevents} catalogue).
 */
final class LegacyEvents {

    static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

    private static final Pattern STORAGE_RESOURCE = Pattern.compile("^(projects/_/buckets/[^/]+)/(objects/.*?)(?:#\\d+)?$");
    private static final Pattern DOCUMENT_RESOURCE = Pattern.compile("^(projects/.+?)/((?:documents|refs)/.+)$");

    private enum Kind {
        PUBSUB,
        STORAGE,
        DOCUMENT,
        FIREBASE_AUTH,
        PLAIN
    }

    private record Target(String type, String service, Kind kind) {
    }

    private static final Map<String, Target> TYPES = Map.ofEntries(
            Map.entry("google.pubsub.topic.publish", new Target(PUBSUB_PUBLISHED, "pubsub.googleapis.com", Kind.PUBSUB)),
            Map.entry("providers/cloud.pubsub/eventTypes/topic.publish",
                    new Target(PUBSUB_PUBLISHED, "pubsub.googleapis.com", Kind.PUBSUB)),
            Map.entry("google.storage.object.finalize", storage("finalized")),
            Map.entry("google.storage.object.delete", storage("deleted")),
            Map.entry("google.storage.object.archive", storage("archived")),
            Map.entry("google.storage.object.metadataUpdate", storage("metadataUpdated")),
            Map.entry("providers/cloud.storage/eventTypes/object.change", storage("changed")),
            Map.entry("providers/cloud.firestore/eventTypes/document.write", firestore("written")),
            Map.entry("providers/cloud.firestore/eventTypes/document.create", firestore("created")),
            Map.entry("providers/cloud.firestore/eventTypes/document.update", firestore("updated")),
            Map.entry("providers/cloud.firestore/eventTypes/document.delete", firestore("deleted")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.write", database("written")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.create", database("created")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.update", database("updated")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.delete", database("deleted")),
            Map.entry("providers/google.firebase.analytics/eventTypes/event.log",
                    new Target("google.firebase.analytics.log.v1.written", "firebase.googleapis.com", Kind.DOCUMENT)),
            Map.entry("providers/firebase.auth/eventTypes/user.create",
                    new Target("google.firebase.auth.user.v1.created", "firebaseauth.googleapis.com", Kind.FIREBASE_AUTH)),
            Map.entry("providers/firebase.auth/eventTypes/user.delete",
                    new Target("google.firebase.auth.user.v1.deleted", "firebaseauth.googleapis.com", Kind.FIREBASE_AUTH)));

    private LegacyEvents() {
    }

    private static Target storage(String change) {
        return new Target("google.cloud.storage.object.v1." + change, "storage.googleapis.com", Kind.STORAGE);
    }

    private static Target firestore(String change) {
        return new Target("google.cloud.firestore.document.v1." + change, "firestore.googleapis.com", Kind.DOCUMENT);
    }

    private static Target database(String change) {
        return new Target("google.firebase.database.document.v1." + change, "firebasedatabase.googleapis.com",
                Kind.DOCUMENT);
    }

    /**
     * @param body a request body that is not a CloudEvent
     * @return the CloudEvent for the legacy event in the body
     * @throws InvalidCloudEventException when the body is not a legacy event, or one of a type this does not convert
     */
    static CloudEvent toCloudEvent(byte[] body, ObjectMapper mapper) {
        JsonNode root = null;
        if (body != null && body.length > 0) {
            try {
                root = mapper.readTree(body);
            } catch (IOException e) {
                root = null;
            }
        }
        if (root == null || !root.isObject()) {
            throw notAnEvent();
        }
        JsonNode context = root.path("context").isObject() ? root.get("context") : root;
        String eventType = text(context, "eventType");
        if (eventType == null) {
            throw notAnEvent();
        }
        Target target = TYPES.get(eventType);
        if (target == null) {
            throw new InvalidCloudEventException("the legacy event type '" + Errors.printable(eventType)
                    + "' is not one this binding converts (Pub/Sub, Cloud Storage, Firestore, Firebase).");
        }
        String id = text(context, "eventId");
        if (id == null) {
            throw new InvalidCloudEventException("the legacy event has no eventId.");
        }
        JsonNode resource = context.path("resource");
        String service = target.service();
        String resourceName;
        if (resource.isObject()) {
            if (text(resource, "service") != null) {
                service = text(resource, "service");
            }
            resourceName = text(resource, "name");
        } else {
            resourceName = resource.isTextual() ? resource.asText() : null;
        }
        if (resourceName == null || resourceName.isEmpty()) {
            throw new InvalidCloudEventException("the legacy event has no resource.");
        }
        JsonNode data = root.get("data");
        String subject = null;
        String source = resourceName;
        Matcher split = null;
        if (target.kind() == Kind.STORAGE) {
            split = STORAGE_RESOURCE.matcher(resourceName);
        } else if (target.kind() == Kind.DOCUMENT) {
            split = DOCUMENT_RESOURCE.matcher(resourceName);
        } else if (target.kind() == Kind.FIREBASE_AUTH && data != null && data.path("uid").isTextual()) {
            subject = "users/" + data.get("uid").asText();
        }
        if (split != null && split.matches()) {
            source = split.group(1);
            subject = split.group(2);
        }
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id)
                .withType(target.type())
                .withSource(uri("//" + service + "/" + source))
                .withSubject(subject);
        String timestamp = text(context, "timestamp");
        if (timestamp != null) {
            try {
                event.withTime(OffsetDateTime.parse(timestamp));
            } catch (DateTimeParseException e) {
                throw new InvalidCloudEventException("the legacy event's timestamp is not an RFC 3339 time.");
            }
        }
        JsonNode reshaped = reshape(target.kind(), data, id, timestamp, mapper);
        if (reshaped != null && !reshaped.isNull()) {
            try {
                event.withDataContentType("application/json").withData(mapper.writeValueAsBytes(reshaped));
            } catch (JsonProcessingException e) {
                throw new InvalidCloudEventException("the legacy event's data could not be written as JSON.");
            }
        }
        return event.build();
    }

    /**
     * The CloudEvent form of the data: a Pub/Sub message is wrapped as {@code {"message":{...}}} with its id and
     * publish time; Firebase Auth metadata gets its CloudEvent field names.
     */
    private static JsonNode reshape(Kind kind, JsonNode data, String id, String timestamp, ObjectMapper mapper) {
        if (kind == Kind.PUBSUB) {
            ObjectNode message = data != null && data.isObject() ? ((ObjectNode) data).deepCopy() : mapper.createObjectNode();
            message.remove("@type");
            if (!message.has("messageId")) {
                message.put("messageId", id);
            }
            if (timestamp != null && !message.has("publishTime")) {
                message.put("publishTime", timestamp);
            }
            ObjectNode wrapped = mapper.createObjectNode();
            wrapped.set("message", message);
            return wrapped;
        }
        if (kind == Kind.FIREBASE_AUTH && data != null && data.path("metadata").isObject()) {
            ObjectNode copy = ((ObjectNode) data).deepCopy();
            ObjectNode metadata = (ObjectNode) copy.get("metadata");
            rename(metadata, "createdAt", "createTime");
            rename(metadata, "lastSignedInAt", "lastSignInTime");
            return copy;
        }
        return data;
    }

    private static void rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        if (value != null) {
            node.set(to, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static URI uri(String source) {
        try {
            return URI.create(source);
        } catch (IllegalArgumentException e) {
            throw new InvalidCloudEventException("the legacy event's resource is not a valid URI path.");
        }
    }

    private static InvalidCloudEventException notAnEvent() {
        return new InvalidCloudEventException("it is neither a CloudEvent (ce-* headers, or Content-Type "
                + "application/cloudevents+json) nor a legacy Cloud Functions event (JSON with eventType and eventId).");
    }
}
