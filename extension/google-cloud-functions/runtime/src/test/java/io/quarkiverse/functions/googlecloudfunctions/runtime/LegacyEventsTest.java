package io.quarkiverse.functions.googlecloudfunctions.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;

/**
 * The conversion of legacy (background) events, from Google's Functions Framework conformance mapping
 * ({@code docs/mapping.md} of GoogleCloudPlatform/functions-framework-conformance): its general flow, its table of
 * types, and the rules of each service. The events are built here from that document.
 */
class LegacyEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Every row of the mapping's table, with an event in the older form (context fields at the top level) whose resource
     * has the form that the document gives for its service; the data holds what the Firebase Auth and Analytics rules
     * read, and the event has the domain that the Realtime Database rule reads.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "google.pubsub.topic.publish, google.cloud.pubsub.topic.v1.messagePublished, projects/sample-project/topics/gcf-test, //pubsub.googleapis.com/projects/sample-project/topics/gcf-test,",
            "providers/cloud.pubsub/eventTypes/topic.publish, google.cloud.pubsub.topic.v1.messagePublished, projects/sample-project/topics/gcf-test, //pubsub.googleapis.com/projects/sample-project/topics/gcf-test,",
            "google.storage.object.finalize, google.cloud.storage.object.v1.finalized, projects/_/buckets/sample-bucket/objects/folder/MyFile#1588778055917163, //storage.googleapis.com/projects/_/buckets/sample-bucket, objects/folder/MyFile",
            "google.storage.object.delete, google.cloud.storage.object.v1.deleted, projects/_/buckets/sample-bucket/objects/folder/MyFile#1588778055917163, //storage.googleapis.com/projects/_/buckets/sample-bucket, objects/folder/MyFile",
            "google.storage.object.archive, google.cloud.storage.object.v1.archived, projects/_/buckets/sample-bucket/objects/folder/MyFile#1588778055917163, //storage.googleapis.com/projects/_/buckets/sample-bucket, objects/folder/MyFile",
            "google.storage.object.metadataUpdate, google.cloud.storage.object.v1.metadataUpdated, projects/_/buckets/sample-bucket/objects/folder/MyFile#1588778055917163, //storage.googleapis.com/projects/_/buckets/sample-bucket, objects/folder/MyFile",
            "providers/cloud.firestore/eventTypes/document.write, google.cloud.firestore.document.v1.written, projects/project-id/databases/(default)/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to, //firestore.googleapis.com/projects/project-id/databases/(default), documents/gcf-test/2Vm2mI1d0wIaK2Waj5to",
            "providers/cloud.firestore/eventTypes/document.create, google.cloud.firestore.document.v1.created, projects/project-id/databases/(default)/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to, //firestore.googleapis.com/projects/project-id/databases/(default), documents/gcf-test/2Vm2mI1d0wIaK2Waj5to",
            "providers/cloud.firestore/eventTypes/document.update, google.cloud.firestore.document.v1.updated, projects/project-id/databases/(default)/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to, //firestore.googleapis.com/projects/project-id/databases/(default), documents/gcf-test/2Vm2mI1d0wIaK2Waj5to",
            "providers/cloud.firestore/eventTypes/document.delete, google.cloud.firestore.document.v1.deleted, projects/project-id/databases/(default)/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to, //firestore.googleapis.com/projects/project-id/databases/(default), documents/gcf-test/2Vm2mI1d0wIaK2Waj5to",
            "providers/firebase.auth/eventTypes/user.create, google.firebase.auth.user.v1.created, projects/my-project-id, //firebaseauth.googleapis.com/projects/my-project-id, users/UUpby3s4spZre6kHsgVSPetzQ8l2",
            "providers/firebase.auth/eventTypes/user.delete, google.firebase.auth.user.v1.deleted, projects/my-project-id, //firebaseauth.googleapis.com/projects/my-project-id, users/UUpby3s4spZre6kHsgVSPetzQ8l2",
            "providers/firebase.remoteConfig/remoteconfig.update, google.firebase.remoteconfig.remoteConfig.v1.updated, projects/my-project-id, //firebaseremoteconfig.googleapis.com/projects/my-project-id,",
            "providers/google.firebase.analytics/eventTypes/event.log, google.firebase.analytics.log.v1.written, projects/my-project-id/events/session_start, //firebaseanalytics.googleapis.com/projects/my-project-id/apps/com.example.exampleapp, events/session_start",
            "providers/google.firebase.database/eventTypes/ref.create, google.firebase.database.ref.v1.created, projects/_/instances/my-project-id/refs/gcf-test/xyz, //firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/my-project-id, refs/gcf-test/xyz",
            "providers/google.firebase.database/eventTypes/ref.write, google.firebase.database.ref.v1.written, projects/_/instances/my-project-id/refs/gcf-test/xyz, //firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/my-project-id, refs/gcf-test/xyz",
            "providers/google.firebase.database/eventTypes/ref.update, google.firebase.database.ref.v1.updated, projects/_/instances/my-project-id/refs/gcf-test/xyz, //firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/my-project-id, refs/gcf-test/xyz",
            "providers/google.firebase.database/eventTypes/ref.delete, google.firebase.database.ref.v1.deleted, projects/_/instances/my-project-id/refs/gcf-test/xyz, //firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/my-project-id, refs/gcf-test/xyz",
            // not in the mapping's table, kept: the type Remote Config triggers deliver, and Cloud Storage's older one
            "google.firebase.remoteconfig.update, google.firebase.remoteconfig.remoteConfig.v1.updated, projects/my-project-id, //firebaseremoteconfig.googleapis.com/projects/my-project-id,",
            "providers/cloud.storage/eventTypes/object.change, google.cloud.storage.object.v1.changed, projects/_/buckets/sample-bucket/objects/MyFile#1588778055917163, //storage.googleapis.com/projects/_/buckets/sample-bucket, objects/MyFile",
    })
    void everyTypeOfTheMappingBecomesItsCloudEvent(String legacyType, String type, String resource, String source,
            String subject) {
        CloudEvent event = convert("{\"eventId\":\"aaaaaa-1111-bbbb-2222-cccccccccccc\",\"timestamp\":\"2020-09-29T11:32:00.000Z\","
                + "\"eventType\":\"" + legacyType + "\",\"resource\":\"" + resource + "\",\"domain\":\"firebaseio.com\","
                + "\"data\":{\"uid\":\"UUpby3s4spZre6kHsgVSPetzQ8l2\",\"userDim\":{\"appInfo\":{\"appId\":\"com.example.exampleapp\"}}}}");

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getType()).isEqualTo(type);
        assertThat(event.getSource()).hasToString(source);
        assertThat(event.getSubject()).isEqualTo(subject);
        assertThat(event.getId()).isEqualTo("aaaaaa-1111-bbbb-2222-cccccccccccc");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2020-09-29T11:32:00.000Z"));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
    }

    @Test
    void theTableHasNoTypeBeyondTheTwentyAbove() {
        assertThat(LegacyEventTypes.all()).hasSize(20);
    }

    @Test
    void pubSubMessageIsWrappedWithTheEventIdAndTimeAndKeepsItsOtherFields() throws Exception {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"1215011316659232\",\"timestamp\":\"2020-05-18T12:13:19.209Z\","
                + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":\"pubsub.googleapis.com\","
                + "\"name\":\"projects/sample-project/topics/gcf-test\",\"type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
                + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\",\"attributes\":{\"a\":\"b\"},"
                + "\"data\":\"eyJuYW1lIjoiQWRhIn0=\"}}");

        assertThat(event.getSource()).hasToString("//pubsub.googleapis.com/projects/sample-project/topics/gcf-test");
        assertThat(event.getSubject()).isNull();
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"message\":{"
                + "\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\",\"attributes\":{\"a\":\"b\"},"
                + "\"data\":\"eyJuYW1lIjoiQWRhIn0=\",\"messageId\":\"1215011316659232\","
                + "\"publishTime\":\"2020-05-18T12:13:19.209Z\"}}"));
    }

    @Test
    void pubSubEventWithoutDataIsAnEmptyMessageAndOneWhoseDataIsNoObjectIsRejected() throws Exception {
        CloudEvent event = convert("{\"eventId\":\"7\",\"eventType\":\"google.pubsub.topic.publish\",\"resource\":\"projects/p/topics/t\"}");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"message\":{\"messageId\":\"7\"}}"));

        assertThatThrownBy(() -> convert("{\"eventId\":\"7\",\"eventType\":\"google.pubsub.topic.publish\","
                + "\"resource\":\"projects/p/topics/t\",\"data\":\"aGk=\"}"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessage("the legacy Pub/Sub event's data is not a JSON object (a message).");
    }

    @Test
    void storageResourceIsSplitIntoBucketAndObjectWithoutTheGenerationAndTheDataIsKept() throws Exception {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"1147091835525187\",\"timestamp\":\"2020-04-23T07:38:57.772Z\","
                + "\"eventType\":\"google.storage.object.finalize\",\"resource\":{\"service\":\"storage.googleapis.com\","
                + "\"name\":\"projects/_/buckets/some-bucket/objects/folder/Test.cs#1587627537231057\",\"type\":\"storage#object\"}},"
                + "\"data\":{\"bucket\":\"some-bucket\",\"name\":\"folder/Test.cs\",\"size\":\"352\"}}");

        assertThat(event.getSource()).hasToString("//storage.googleapis.com/projects/_/buckets/some-bucket");
        assertThat(event.getSubject()).isEqualTo("objects/folder/Test.cs");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"bucket\":\"some-bucket\",\"name\":\"folder/Test.cs\",\"size\":\"352\"}"));

        CloudEvent withoutGeneration = convert(event("google.storage.object.delete", "projects/_/buckets/b/objects/a#b.txt"));
        assertThat(withoutGeneration.getSubject()).isEqualTo("objects/a#b.txt");
        CloudEvent otherForm = convert(event("google.storage.object.delete", "projects/_/buckets/b"));
        assertThat(otherForm.getSource()).hasToString("//storage.googleapis.com/projects/_/buckets/b");
        assertThat(otherForm.getSubject()).isNull();
    }

    @Test
    void firestoreResourceIsSplitIntoDatabaseAndDocumentForAnyDatabase() throws Exception {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"7b8f1804-d38b-4b68-b37d-e2fb5d12d5a0-0\","
                + "\"timestamp\":\"2020-09-24T10:50:20.603Z\",\"eventType\":\"providers/cloud.firestore/eventTypes/document.write\","
                + "\"resource\":\"projects/project-id/databases/orders/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to\"},"
                + "\"data\":{\"oldValue\":{},\"value\":{\"name\":\"x\"}}}");

        assertThat(event.getSource()).hasToString("//firestore.googleapis.com/projects/project-id/databases/orders");
        assertThat(event.getSubject()).isEqualTo("documents/gcf-test/2Vm2mI1d0wIaK2Waj5to");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"oldValue\":{},\"value\":{\"name\":\"x\"}}"));
    }

    @Test
    void realtimeDatabaseSourceGetsTheLocationOfTheDomain() throws Exception {
        CloudEvent regional = convert("{\"eventType\":\"providers/google.firebase.database/eventTypes/ref.write\","
                + "\"params\":{\"child\":\"xyz\"},\"auth\":{\"admin\":true},\"domain\":\"europe-west1.firebasedatabase.app\","
                + "\"data\":{\"data\":null,\"delta\":{\"grandchild\":\"other\"}},"
                + "\"resource\":\"projects/_/instances/my-project-id/refs/gcf-test/xyz\",\"timestamp\":\"2020-09-29T11:32:00.000Z\","
                + "\"eventId\":\"aaaaaa-1111-bbbb-2222-cccccccccccc\"}");

        assertThat(regional.getType()).isEqualTo("google.firebase.database.ref.v1.written");
        assertThat(regional.getSource())
                .hasToString("//firebasedatabase.googleapis.com/projects/_/locations/europe-west1/instances/my-project-id");
        assertThat(regional.getSubject()).isEqualTo("refs/gcf-test/xyz");
        assertThat(data(regional)).isEqualTo(MAPPER.readTree("{\"data\":null,\"delta\":{\"grandchild\":\"other\"}}"));

        CloudEvent root = convert(database("\"domain\":\"firebaseio.com\"", "projects/_/instances/my-project-id/refs/"));
        assertThat(root.getSource())
                .hasToString("//firebasedatabase.googleapis.com/projects/_/locations/us-central1/instances/my-project-id");
        assertThat(root.getSubject()).isEqualTo("refs/");
    }

    @Test
    void realtimeDatabaseEventWithoutAStringDomainIsRejected() {
        String resource = "projects/_/instances/my-project-id/refs/gcf-test/xyz";
        String noDomain = "the legacy Firebase Realtime Database event has no domain (a string such as firebaseio.com), "
                + "which gives the database's location.";
        assertThatThrownBy(() -> convert(database("\"params\":{}", resource))).isInstanceOf(InvalidCloudEventException.class)
                .hasMessage(noDomain);
        assertThatThrownBy(() -> convert(database("\"domain\":1", resource))).hasMessage(noDomain);
        assertThatThrownBy(() -> convert(database("\"domain\":\".firebasedatabase.app\"", resource)))
                .hasMessage("the legacy Firebase Realtime Database event's domain '.firebasedatabase.app' names no location.");
    }

    @Test
    void analyticsSourceNamesTheAppOfTheDataAndTheSubjectTheEvent() throws Exception {
        CloudEvent event = convert("{\"eventId\":\"1486080145623867\",\"eventType\":\"providers/google.firebase.analytics/eventTypes/event.log\","
                + "\"resource\":\"projects/my-project-id/events/session_start\",\"timestamp\":\"2020-09-29T11:32:00.000Z\","
                + "\"data\":{\"eventDim\":[{\"name\":\"session_start\"}],\"userDim\":{\"appInfo\":{\"appId\":\"com.example.exampleapp\","
                + "\"appPlatform\":\"ANDROID\"}}}}");

        assertThat(event.getSource()).hasToString("//firebaseanalytics.googleapis.com/projects/my-project-id/apps/com.example.exampleapp");
        assertThat(event.getSubject()).isEqualTo("events/session_start");
        assertThat(data(event).path("eventDim").get(0).path("name").asText()).isEqualTo("session_start");
    }

    @Test
    void analyticsEventWithoutAppIdOrEventNameIsRejected() {
        String type = "providers/google.firebase.analytics/eventTypes/event.log";
        assertThatThrownBy(() -> convert("{\"eventId\":\"1\",\"eventType\":\"" + type + "\","
                + "\"resource\":\"projects/my-project-id/events/session_start\",\"data\":{\"userDim\":{\"appInfo\":{}}}}"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessage("the legacy Firebase Analytics event has no app id (data.userDim.appInfo.appId), which its source names.");
        assertThatThrownBy(() -> convert("{\"eventId\":\"1\",\"eventType\":\"" + type + "\",\"resource\":\"projects/my-project-id\","
                + "\"data\":{\"userDim\":{\"appInfo\":{\"appId\":\"a\"}}}}"))
                .hasMessage("the legacy Firebase Analytics event's resource is not projects/<project>/events/<event name>.");
    }

    @Test
    void firebaseAuthUserGetsItsSubjectAndTheCloudEventNamesOfItsMetadata() throws Exception {
        CloudEvent event = convert("{\"data\":{\"email\":\"test@nowhere.com\",\"metadata\":{\"createdAt\":\"2020-05-26T10:42:27Z\","
                + "\"lastSignedInAt\":\"2020-10-24T11:00:00Z\"},\"uid\":\"UUpby3s4spZre6kHsgVSPetzQ8l2\"},"
                + "\"eventId\":\"4423b4fa-c39b-4f79-b338-977a018e9b55\",\"eventType\":\"providers/firebase.auth/eventTypes/user.create\","
                + "\"resource\":\"projects/my-project-id\",\"timestamp\":\"2020-05-26T10:42:27.088Z\"}");

        assertThat(event.getSource()).hasToString("//firebaseauth.googleapis.com/projects/my-project-id");
        assertThat(event.getSubject()).isEqualTo("users/UUpby3s4spZre6kHsgVSPetzQ8l2");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"email\":\"test@nowhere.com\",\"metadata\":{"
                + "\"createTime\":\"2020-05-26T10:42:27Z\",\"lastSignInTime\":\"2020-10-24T11:00:00Z\"},"
                + "\"uid\":\"UUpby3s4spZre6kHsgVSPetzQ8l2\"}"));

        CloudEvent withoutUid = convert(event("providers/firebase.auth/eventTypes/user.delete", "projects/my-project-id"));
        assertThat(withoutUid.getSubject()).isNull();
    }

    @Test
    void theServiceOfTheResourceWinsOverTheDefaultOne() {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"providers/firebase.auth/eventTypes/user.create\","
                + "\"resource\":{\"service\":\"firebase.googleapis.com\",\"name\":\"projects/my-project-id\"}},\"data\":{}}");

        assertThat(event.getSource()).hasToString("//firebase.googleapis.com/projects/my-project-id");
    }

    @Test
    void eachContextFieldIsReadFromTheContextFirstThenFromTheTopLevel() {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"from-context\",\"eventType\":\"google.storage.object.finalize\"},"
                + "\"eventId\":\"from-top-level\",\"resource\":\"projects/_/buckets/b/objects/o\","
                + "\"timestamp\":\"2020-09-29T11:32:00.000Z\",\"data\":{}}");

        assertThat(event.getId()).isEqualTo("from-context");
        assertThat(event.getSource()).hasToString("//storage.googleapis.com/projects/_/buckets/b");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2020-09-29T11:32:00.000Z"));
    }

    @Test
    void anEventWithoutTimestampOrDataHasNeither() {
        CloudEvent event = convert(event("providers/cloud.firestore/eventTypes/document.delete",
                "projects/p/databases/(default)/documents/c/d"));

        assertThat(event.getTime()).isNull();
        assertThat(event.getData()).isNull();
        assertThat(event.getDataContentType()).isNull();
    }

    @Test
    void whatIsNoLegacyEventIsRejected() {
        for (String body : new String[] { "not json", "[1,2]", "{\"name\":\"Ada\"}", "{\"context\":{\"eventId\":\"1\"}}" }) {
            assertThatThrownBy(() -> convert(body)).as(body).isInstanceOf(InvalidCloudEventException.class)
                    .hasMessageStartingWith("it is neither a CloudEvent");
        }
        assertThatThrownBy(() -> LegacyEvents.toCloudEvent(null, MAPPER)).isInstanceOf(InvalidCloudEventException.class);
    }

    @Test
    void incompleteOrUnknownLegacyEventsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"example.unknown\",\"resource\":\"r\"}}"))
                .hasMessage("the legacy event type 'example.unknown' is not one this binding converts (Pub/Sub, Cloud "
                        + "Storage, Firestore, Firebase).");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventType\":\"google.pubsub.topic.publish\",\"resource\":\"r\"}}"))
                .hasMessage("the legacy event has no eventId.");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"google.pubsub.topic.publish\"}}"))
                .hasMessage("the legacy event has no resource.");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"google.pubsub.topic.publish\","
                + "\"resource\":{\"service\":\"pubsub.googleapis.com\"}}}"))
                .hasMessage("the legacy event has no resource.");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"google.pubsub.topic.publish\","
                + "\"resource\":\"projects/p/topics/t\",\"timestamp\":\"yesterday\"}}"))
                .hasMessage("the legacy event's timestamp is not an RFC 3339 time.");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"google.pubsub.topic.publish\","
                + "\"resource\":\"projects/p/topics/a b\"}}"))
                .hasMessage("the legacy event's resource is not a valid URI path.");
    }

    private static String event(String eventType, String resource) {
        return "{\"eventId\":\"1\",\"eventType\":\"" + eventType + "\",\"resource\":\"" + resource + "\"}";
    }

    private static String database(String field, String resource) {
        return "{\"eventId\":\"1\",\"eventType\":\"providers/google.firebase.database/eventTypes/ref.write\",\"resource\":\""
                + resource + "\"," + field + ",\"data\":{\"data\":null,\"delta\":1}}";
    }

    private static CloudEvent convert(String json) {
        return LegacyEvents.toCloudEvent(json.getBytes(StandardCharsets.UTF_8), MAPPER);
    }

    private static JsonNode data(CloudEvent event) throws Exception {
        return MAPPER.readTree(event.getData().toBytes());
    }
}
