package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Back-pressure of the Kafka queue, measured on the broker: with no worker on this instance ({@code concurrency=0})
 * and a bound of 3 jobs, three async calls are accepted, the fourth is answered {@code 503 job-queue-full} with
 * {@code Retry-After}, and the topic's end offsets show that exactly three records were written.
 */
@QuarkusTest
@TestProfile(KafkaBackPressureTest.ThreeJobsNoWorker.class)
@WithTestResource(value = RedisAndKafka.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KafkaBackPressureTest {

    static final String TOPIC = "back-pressure-jobs";

    public static class ThreeJobsNoWorker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.functions.jobs.concurrency", "0",
                    "quarkus.functions.kafka.capacity", "3",
                    "quarkus.functions.kafka.topic", TOPIC);
        }
    }

    @ConfigProperty(name = "quarkus.functions.kafka.bootstrap-servers")
    String bootstrapServers;

    @Test
    void theFourthJobIsRefusedAndNotWritten() throws Exception {
        // Given three accepted jobs, which no worker takes
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            locations.add(given().contentType(ContentType.JSON).header("Prefer", "respond-async")
                    .body("{\"name\":\"n" + i + "\"}").when().post("/greet")
                    .then().statusCode(202).extract().header("Location"));
        }

        // When a fourth comes
        given().contentType(ContentType.JSON).header("Prefer", "respond-async").body("{\"name\":\"fourth\"}")
                .when().post("/greet")
                // Then it is refused
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .header("Location", (String) null)
                .body("code", equalTo("job-queue-full"));

        assertThat(endOffsets()).as("records written to %s", TOPIC).isEqualTo(3);
        for (String location : locations) {
            given().when().get(location).then().statusCode(200).header("Retry-After", "1")
                    .body("status", equalTo("pending"));
        }
    }

    private long endOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo info : admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(TOPIC).partitions()) {
                latest.put(new TopicPartition(TOPIC, info.partition()), OffsetSpec.latest());
            }
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .values()) {
                sum += info.offset();
            }
            return sum;
        }
    }
}
