package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.util.Map;

/**
 * The legacy event types of Cloud Functions (1st gen) that {@link LegacyEvents} converts, each with the CloudEvent type
 * it becomes, the service of its source when the event does not name one, and the rule for its source, subject and
 * data.
 * <p>
 * The table is the one of Google's Functions Framework conformance mapping ({@code docs/mapping.md} in
 * GoogleCloudPlatform/functions-framework-conformance), with its default services. Two rows are not in that table and
 * are kept for events Cloud Functions sends: {@code providers/cloud.storage/eventTypes/object.change} (converted as
 * Google's Java and .NET Functions Frameworks do) and {@code google.firebase.remoteconfig.update}, the type Remote
 * Config triggers deliver, an alias of the table's {@code providers/firebase.remoteConfig/remoteconfig.update}.
 */
final class LegacyEventTypes {

    static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";

    static final String PUBSUB = "pubsub.googleapis.com";
    static final String STORAGE = "storage.googleapis.com";
    static final String FIRESTORE = "firestore.googleapis.com";
    static final String FIREBASE_AUTH = "firebaseauth.googleapis.com";
    static final String FIREBASE_DATABASE = "firebasedatabase.googleapis.com";
    static final String FIREBASE_ANALYTICS = "firebaseanalytics.googleapis.com";
    static final String FIREBASE_REMOTE_CONFIG = "firebaseremoteconfig.googleapis.com";

    /** How the source, subject and data of an event are formed from its resource and data. */
    enum Kind {
        /** The data is wrapped as {@code {"message":...}}, with the message id and publish time. */
        PUBSUB,
        /** The bucket is the source, {@code objects/<name>} (without the generation) the subject. */
        STORAGE,
        /** The database is the source, {@code documents/<path>} the subject. */
        FIRESTORE,
        /** The source gets the location given by the event's {@code domain}; {@code refs/<path>} is the subject. */
        FIREBASE_DATABASE,
        /** The source names the app of the data's {@code userDim.appInfo.appId}; {@code events/<name>} the subject. */
        FIREBASE_ANALYTICS,
        /** {@code users/<uid>} is the subject; the metadata's time fields get their CloudEvent names. */
        FIREBASE_AUTH,
        /** The resource is the source, the data is kept as it is. */
        PLAIN
    }

    /**
     * @param type the CloudEvent type
     * @param service the service of the source when the event has no {@code resource.service}
     * @param kind the rule for the source, subject and data
     */
    record Target(String type, String service, Kind kind) {
    }

    private static final Map<String, Target> TYPES = Map.ofEntries(
            Map.entry("google.pubsub.topic.publish", new Target(PUBSUB_PUBLISHED, PUBSUB, Kind.PUBSUB)),
            Map.entry("providers/cloud.pubsub/eventTypes/topic.publish", new Target(PUBSUB_PUBLISHED, PUBSUB, Kind.PUBSUB)),
            Map.entry("google.storage.object.finalize", storage("finalized")),
            Map.entry("google.storage.object.delete", storage("deleted")),
            Map.entry("google.storage.object.archive", storage("archived")),
            Map.entry("google.storage.object.metadataUpdate", storage("metadataUpdated")),
            Map.entry("providers/cloud.storage/eventTypes/object.change", storage("changed")),
            Map.entry("providers/cloud.firestore/eventTypes/document.write", firestore("written")),
            Map.entry("providers/cloud.firestore/eventTypes/document.create", firestore("created")),
            Map.entry("providers/cloud.firestore/eventTypes/document.update", firestore("updated")),
            Map.entry("providers/cloud.firestore/eventTypes/document.delete", firestore("deleted")),
            Map.entry("providers/firebase.auth/eventTypes/user.create", auth("created")),
            Map.entry("providers/firebase.auth/eventTypes/user.delete", auth("deleted")),
            Map.entry("providers/firebase.remoteConfig/remoteconfig.update", remoteConfig()),
            Map.entry("google.firebase.remoteconfig.update", remoteConfig()),
            Map.entry("providers/google.firebase.analytics/eventTypes/event.log",
                    new Target("google.firebase.analytics.log.v1.written", FIREBASE_ANALYTICS, Kind.FIREBASE_ANALYTICS)),
            Map.entry("providers/google.firebase.database/eventTypes/ref.create", database("created")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.write", database("written")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.update", database("updated")),
            Map.entry("providers/google.firebase.database/eventTypes/ref.delete", database("deleted")));

    private LegacyEventTypes() {
    }

    /**
     * @param legacyType a legacy {@code eventType}
     * @return what it converts to, or {@code null} for a type that is not converted
     */
    static Target target(String legacyType) {
        return TYPES.get(legacyType);
    }

    /**
     * @return every converted legacy type and its target
     */
    static Map<String, Target> all() {
        return TYPES;
    }

    private static Target storage(String change) {
        return new Target("google.cloud.storage.object.v1." + change, STORAGE, Kind.STORAGE);
    }

    private static Target firestore(String change) {
        return new Target("google.cloud.firestore.document.v1." + change, FIRESTORE, Kind.FIRESTORE);
    }

    private static Target auth(String change) {
        return new Target("google.firebase.auth.user.v1." + change, FIREBASE_AUTH, Kind.FIREBASE_AUTH);
    }

    private static Target database(String change) {
        return new Target("google.firebase.database.ref.v1." + change, FIREBASE_DATABASE, Kind.FIREBASE_DATABASE);
    }

    private static Target remoteConfig() {
        return new Target("google.firebase.remoteconfig.remoteConfig.v1.updated", FIREBASE_REMOTE_CONFIG, Kind.PLAIN);
    }
}
