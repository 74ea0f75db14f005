package io.quarkiverse.functions.runtime;

/**
 * What triggered an invocation, as OpenTelemetry's {@code faas.trigger} names it. A binding sets it; records, messages
 * and events (a {@link #PUBSUB} or {@link #DATASOURCE} trigger) are consumed, a request is served.
 */
public enum Trigger {
    /** An HTTP request. */
    HTTP("http"),
    /** A message or event from a messaging system: SQS, SNS, Kinesis, Kafka, Pub/Sub, a CloudEvent. */
    PUBSUB("pubsub"),
    /** A change in a data store: DynamoDB streams, S3, Cloud Storage, Firestore. */
    DATASOURCE("datasource"),
    /** A schedule: an EventBridge scheduled event, Cloud Scheduler. */
    TIMER("timer"),
    /** Anything else: a direct Lambda invocation. */
    OTHER("other");

    /** The value of {@code faas.trigger}. */
    public final String semanticName;

    Trigger(String semanticName) {
        this.semanticName = semanticName;
    }

    /**
     * @return whether the invocation consumes a record or an event ({@code CONSUMER} span) rather than serving a
     *         request ({@code SERVER} span)
     */
    public boolean consumes() {
        return this == PUBSUB || this == DATASOURCE;
    }

    /**
     * @param type a CloudEvent type
     * @return the trigger of an event of that type: the storage and database sources are data sources, schedulers
     *         timers, and every other event is a message
     */
    public static Trigger ofCloudEventType(String type) {
        if (type == null) {
            return PUBSUB;
        }
        if (type.startsWith("google.cloud.storage.") || type.startsWith("google.cloud.firestore.")
                || type.startsWith("google.firebase.database.") || type.startsWith("google.cloud.datastore.")) {
            return DATASOURCE;
        }
        if (type.startsWith("google.cloud.scheduler.")) {
            return TIMER;
        }
        return PUBSUB;
    }
}
