package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkiverse.functions.googlecloudfunctions.runtime.LegacyEventTypes.Kind;
import io.quarkiverse.functions.googlecloudfunctions.runtime.LegacyEventTypes.Target;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;
import io.quarkiverse.functions.runtime.internal.Errors;

/**
 * Converts the legacy event format of Cloud Functions (1st gen) "background" events: {@code {"context":{...},
 * "data":{...}}}, or the older form with the context fields at the top level) to the CloudEvent that Google's Functions
 * Framework and Eventarc deliver for the same event, so that one function serves both.
 * <p>
 * It follows Google's Functions Framework conformance mapping ({@code docs/mapping.md} in
 * GoogleCloudPlatform/functions-framework-conformance): each context field is read from {@code context}, else from the
 * top level; the source is {@code //<service>/<resource>}, split into source and subject for the event types that
 * define a subject; {@link LegacyEventTypes} holds the table of types.
 */
final class LegacyEvents {

    static final String PUBSUB_PUBLISHED = LegacyEventTypes.PUBSUB_PUBLISHED;

    private static final Pattern STORAGE_RESOURCE = Pattern.compile("^(projects/_/buckets/[^/]+)/(objects/.*?)(?:#\\d+)?$");
    private static final Pattern FIRESTORE_RESOURCE = Pattern.compile("^(projects/[^/]+/databases/[^/]+)/(documents/.+)$");
    private static final Pattern DATABASE_RESOURCE = Pattern.compile("^(projects/[^/]+)/(instances/[^/]+)/(refs(?:/.*)?)$");
    private static final Pattern ANALYTICS_RESOURCE = Pattern.compile("^(projects/[^/]+)/(events/[^/]+)$");
    /** The domain of the Realtime Database instances of {@code us-central1}, the only one without the location in it. */
    private static final String DEFAULT_DATABASE_DOMAIN = "firebaseio.com";
    private static final String DEFAULT_DATABASE_LOCATION = "us-central1";

    private record Where(String source, String subject) {
    }

    private LegacyEvents() {
    }

    /**
     * @param body a request body that is not a CloudEvent
     * @return the CloudEvent for the legacy event in the body
     * @throws InvalidCloudEventException when the body is not a legacy event, is one of a type this does not convert,
     *         or lacks what its type needs
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
        JsonNode context = root.path("context").isObject() ? root.get("context") : null;
        String eventType = text(context, root, "eventType");
        if (eventType == null) {
            throw notAnEvent();
        }
        Target target = LegacyEventTypes.target(eventType);
        if (target == null) {
            throw new InvalidCloudEventException("the legacy event type '" + Errors.printable(eventType)
                    + "' is not one this binding converts (Pub/Sub, Cloud Storage, Firestore, Firebase).");
        }
        String id = text(context, root, "eventId");
        if (id == null) {
            throw new InvalidCloudEventException("the legacy event has no eventId.");
        }
        JsonNode resource = resource(context, root);
        String service = target.service();
        String resourceName = null;
        if (resource != null && resource.isObject()) {
            service = text(resource, null, "service") != null ? text(resource, null, "service") : service;
            resourceName = text(resource, null, "name");
        } else if (resource != null) {
            resourceName = resource.asText();
        }
        if (resourceName == null || resourceName.isEmpty()) {
            throw new InvalidCloudEventException("the legacy event has no resource.");
        }
        JsonNode data = root.get("data");
        Where where = where(target.kind(), resourceName, context, root, data);
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id)
                .withType(target.type())
                .withSource(uri("//" + service + "/" + where.source()))
                .withSubject(where.subject());
        String timestamp = text(context, root, "timestamp");
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
     * The source (without {@code //<service>/}) and the subject: the resource and no subject, except for the types
     * whose CloudEvents define a subject. A Storage or Firestore resource of another form than the documented one is
     * kept whole as the source, as Google's Functions Frameworks do.
     */
    private static Where where(Kind kind, String resource, JsonNode context, JsonNode root, JsonNode data) {
        Matcher match;
        switch (kind) {
            case STORAGE:
                match = STORAGE_RESOURCE.matcher(resource);
                return match.matches() ? new Where(match.group(1), match.group(2)) : new Where(resource, null);
            case FIRESTORE:
                match = FIRESTORE_RESOURCE.matcher(resource);
                return match.matches() ? new Where(match.group(1), match.group(2)) : new Where(resource, null);
            case FIREBASE_DATABASE:
                String location = databaseLocation(text(root, context, "domain"));
                match = DATABASE_RESOURCE.matcher(resource);
                return match.matches()
                        ? new Where(match.group(1) + "/locations/" + location + "/" + match.group(2), match.group(3))
                        : new Where(resource, null);
            case FIREBASE_ANALYTICS:
                match = ANALYTICS_RESOURCE.matcher(resource);
                if (!match.matches()) {
                    throw new InvalidCloudEventException("the legacy Firebase Analytics event's resource is not "
                            + "projects/<project>/events/<event name>.");
                }
                JsonNode appId = data == null ? null : data.path("userDim").path("appInfo").get("appId");
                if (appId == null || !appId.isTextual() || appId.asText().isEmpty()) {
                    throw new InvalidCloudEventException("the legacy Firebase Analytics event has no app id "
                            + "(data.userDim.appInfo.appId), which its source names.");
                }
                return new Where(match.group(1) + "/apps/" + appId.asText(), match.group(2));
            case FIREBASE_AUTH:
                boolean uid = data != null && data.path("uid").isTextual();
                return new Where(resource, uid ? "users/" + data.get("uid").asText() : null);
            default:
                return new Where(resource, null);
        }
    }

    /**
     * The location of a Realtime Database from the event's {@code domain}: {@code us-central1} for
     * {@code firebaseio.com}, else what comes before the first period ({@code europe-west1.firebasedatabase.app}).
     */
    private static String databaseLocation(String domain) {
        if (domain == null) {
            throw new InvalidCloudEventException("the legacy Firebase Realtime Database event has no domain (a string "
                    + "such as firebaseio.com), which gives the database's location.");
        }
        if (DEFAULT_DATABASE_DOMAIN.equals(domain)) {
            return DEFAULT_DATABASE_LOCATION;
        }
        int period = domain.indexOf('.');
        String location = period < 0 ? domain : domain.substring(0, period);
        if (location.isEmpty()) {
            throw new InvalidCloudEventException("the legacy Firebase Realtime Database event's domain '"
                    + Errors.printable(domain) + "' names no location.");
        }
        return location;
    }

    /**
     * The CloudEvent form of the data: a Pub/Sub message is wrapped as {@code {"message":{...}}} with the event's id
     * and time as its id and publish time, its other fields kept as they are; Firebase Auth metadata gets its
     * CloudEvent field names.
     */
    private static JsonNode reshape(Kind kind, JsonNode data, String id, String timestamp, ObjectMapper mapper) {
        if (kind == Kind.PUBSUB) {
            ObjectNode message;
            if (data == null || data.isNull()) {
                message = mapper.createObjectNode();
            } else if (data.isObject()) {
                message = ((ObjectNode) data).deepCopy();
            } else {
                throw new InvalidCloudEventException("the legacy Pub/Sub event's data is not a JSON object (a message).");
            }
            message.put("messageId", id);
            if (timestamp != null) {
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

    /** The resource: {@code context/resource} (a name, or an object with name and service), else {@code resource}. */
    private static JsonNode resource(JsonNode context, JsonNode root) {
        JsonNode resource = context == null ? null : context.get("resource");
        if (resource == null || !(resource.isObject() || resource.isTextual())) {
            resource = root.get("resource");
        }
        return resource != null && (resource.isObject() || resource.isTextual()) ? resource : null;
    }

    /** A non-empty string field of {@code first}, else of {@code second}: the first location that has it. */
    private static String text(JsonNode first, JsonNode second, String field) {
        JsonNode value = first == null ? null : first.get(field);
        if ((value == null || !value.isTextual() || value.asText().isEmpty()) && second != null) {
            value = second.get(field);
        }
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
