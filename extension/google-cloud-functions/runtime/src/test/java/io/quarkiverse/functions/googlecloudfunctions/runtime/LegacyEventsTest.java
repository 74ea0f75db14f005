package io.quarkiverse.functions.googlecloudfunctions.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.quarkiverse.functions.runtime.internal.CloudEvents.InvalidCloudEventException;

class LegacyEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void pubSubMessageIsWrappedWithItsIdAndPublishTime() throws Exception {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"1215011316659232\",\"timestamp\":\"2020-05-18T12:13:19.209Z\","
                + "\"eventType\":\"google.pubsub.topic.publish\",\"resource\":{\"service\":\"pubsub.googleapis.com\","
                + "\"name\":\"projects/sample-project/topics/gcf-test\",\"type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\"}},"
                + "\"data\":{\"@type\":\"type.googleapis.com/google.pubsub.v1.PubsubMessage\",\"attributes\":{\"a\":\"b\"},"
                + "\"data\":\"eyJuYW1lIjoiQWRhIn0=\"}}");

        assertThat(event.getId()).isEqualTo("1215011316659232");
        assertThat(event.getType()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(event.getSource()).hasToString("//pubsub.googleapis.com/projects/sample-project/topics/gcf-test");
        assertThat(event.getSubject()).isNull();
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.parse("2020-05-18T12:13:19.209Z"));
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"message\":{\"attributes\":{\"a\":\"b\"},"
                + "\"data\":\"eyJuYW1lIjoiQWRhIn0=\",\"messageId\":\"1215011316659232\","
                + "\"publishTime\":\"2020-05-18T12:13:19.209Z\"}}"));
    }

    @Test
    void storageResourceIsSplitIntoBucketSourceAndObjectSubject() throws Exception {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"1147091835525187\",\"timestamp\":\"2020-04-23T07:38:57.772Z\","
                + "\"eventType\":\"google.storage.object.finalize\",\"resource\":{\"service\":\"storage.googleapis.com\","
                + "\"name\":\"projects/_/buckets/some-bucket/objects/folder/Test.cs#1587627537231057\",\"type\":\"storage#object\"}},"
                + "\"data\":{\"bucket\":\"some-bucket\",\"name\":\"folder/Test.cs\",\"size\":\"352\"}}");

        assertThat(event.getType()).isEqualTo("google.cloud.storage.object.v1.finalized");
        assertThat(event.getSource()).hasToString("//storage.googleapis.com/projects/_/buckets/some-bucket");
        assertThat(event.getSubject()).isEqualTo("objects/folder/Test.cs");
        assertThat(data(event)).isEqualTo(MAPPER.readTree("{\"bucket\":\"some-bucket\",\"name\":\"folder/Test.cs\",\"size\":\"352\"}"));
    }

    @Test
    void firestoreResourceIsSplitIntoDatabaseSourceAndDocumentSubject() {
        CloudEvent event = convert("{\"context\":{\"eventId\":\"7b8f1804-d38b-4b68-b37d-e2fb5d12d5a0-0\","
                + "\"timestamp\":\"2020-09-24T10:50:20.603Z\",\"eventType\":\"providers/cloud.firestore/eventTypes/document.write\","
                + "\"resource\":\"projects/project-id/databases/(default)/documents/gcf-test/2Vm2mI1d0wIaK2Waj5to\"},"
                + "\"data\":{\"value\":{\"name\":\"x\"}}}");

        assertThat(event.getType()).isEqualTo("google.cloud.firestore.document.v1.written");
        assertThat(event.getSource()).hasToString("//firestore.googleapis.com/projects/project-id/databases/(default)");
        assertThat(event.getSubject()).isEqualTo("documents/gcf-test/2Vm2mI1d0wIaK2Waj5to");
    }

    @Test
    void firebaseAuthUserGetsItsSubjectAndCloudEventFieldNames() throws Exception {
        CloudEvent event = convert("{\"eventId\":\"4423b4fa-c39b-4f79-b338-977a018e9b55\",\"eventType\":"
                + "\"providers/firebase.auth/eventTypes/user.create\",\"resource\":\"projects/my-project-id\","
                + "\"timestamp\":\"2020-09-29T11:32:00.000Z\",\"data\":{\"uid\":\"UUpby3s4spZre6kHsgVSPetzQ8l2\","
                + "\"metadata\":{\"createdAt\":\"2020-09-29T11:32:00.000Z\",\"lastSignedInAt\":\"2020-09-29T11:32:00.000Z\"}}}");

        assertThat(event.getType()).isEqualTo("google.firebase.auth.user.v1.created");
        assertThat(event.getSource()).hasToString("//firebaseauth.googleapis.com/projects/my-project-id");
        assertThat(event.getSubject()).isEqualTo("users/UUpby3s4spZre6kHsgVSPetzQ8l2");
        assertThat(data(event).path("metadata")).isEqualTo(MAPPER.readTree(
                "{\"createTime\":\"2020-09-29T11:32:00.000Z\",\"lastSignInTime\":\"2020-09-29T11:32:00.000Z\"}"));
    }

    @Test
    void theOlderFormWithTheContextAtTheTopLevelIsRead() {
        CloudEvent event = convert("{\"eventId\":\"1\",\"eventType\":\"providers/cloud.pubsub/eventTypes/topic.publish\","
                + "\"resource\":\"projects/p/topics/t\",\"data\":{\"data\":\"e30=\"}}");

        assertThat(event.getType()).isEqualTo("google.cloud.pubsub.topic.v1.messagePublished");
        assertThat(event.getSource()).hasToString("//pubsub.googleapis.com/projects/p/topics/t");
        assertThat(event.getTime()).isNull();
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
                + "\"resource\":\"projects/p/topics/t\",\"timestamp\":\"yesterday\"}}"))
                .hasMessage("the legacy event's timestamp is not an RFC 3339 time.");
        assertThatThrownBy(() -> convert("{\"context\":{\"eventId\":\"1\",\"eventType\":\"google.pubsub.topic.publish\","
                + "\"resource\":\"projects/p/topics/a b\"}}"))
                .hasMessage("the legacy event's resource is not a valid URI path.");
    }

    private static CloudEvent convert(String json) {
        return LegacyEvents.toCloudEvent(json.getBytes(StandardCharsets.UTF_8), MAPPER);
    }

    private static JsonNode data(CloudEvent event) throws Exception {
        return MAPPER.readTree(event.getData().toBytes());
    }
}
