package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;

/**
 * Two instances of one consumer group share the jobs: 40 async {@code greet} calls, posted alternately to both, all
 * end {@code succeeded} (each read on the instance that did not accept it: the states are in the shared Redis), and
 * the JSON logs show that each job ran exactly once, some on each instance (the function's line "Greeting a caller"
 * carries {@code mdc.request_id} = the job's id).
 */
class SharedWorkIT {

    private static final int JOBS = 40;
    private static final String GROUP = "scale-out-workers";
    private static Backends backends;

    @BeforeAll
    static void startBackends() {
        backends = Backends.start();
    }

    @AfterAll
    static void stopBackends() {
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void twoInstancesShareTheJobsAndRunEachOnce() throws Exception {
        try (ScaleOutApp a = ScaleOutApp.start("a", backends.options());
                ScaleOutApp b = ScaleOutApp.start("b", backends.options())) {
            // Given both in the group, each with partitions of the topic
            awaitGroupOfTwo();
            List<ScaleOutApp> apps = List.of(a, b);

            // When jobs are posted alternately to both
            List<String> locations = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                locations.add(given().port(apps.get(i % 2).port).contentType(ContentType.JSON)
                        .header("Prefer", "respond-async").body("{\"name\":\"n" + i + "\"}")
                        .when().post("/greet")
                        .then().statusCode(202).extract().header("Location"));
            }

            // Then every one succeeds
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < JOBS; i++) {
                String location = locations.get(i);
                ids.add(location.substring(location.lastIndexOf('/') + 1));
                given().port(apps.get((i + 1) % 2).port).header("Prefer", "wait=30").when().get(location)
                        .then().statusCode(200)
                        .body("status", equalTo("succeeded"))
                        .body("result.message", equalTo("Hello n" + i + "!"));
            }
            assertThat(ids).hasSize(JOBS);

            // And each ran once, on one of the two, and both ran some
            Map<String, List<String>> ranOn = awaitGreetings(a, b, ids);
            assertThat(ranOn.get("a")).as("jobs run by a").isNotEmpty();
            assertThat(ranOn.get("b")).as("jobs run by b").isNotEmpty();
            List<String> all = new ArrayList<>(ranOn.get("a"));
            all.addAll(ranOn.get("b"));
            assertThat(all).as("each job's greeting, once").containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    /**
     * The job ids of the "Greeting a caller" lines of each instance, once the two together have one per job
     * (bounded: the lines were written before the states said succeeded, and only remain to be read).
     */
    private static Map<String, List<String>> awaitGreetings(ScaleOutApp a, ScaleOutApp b, Set<String> ids)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, List<String>> ranOn = new HashMap<>();
        while (true) {
            ranOn.put("a", greetings(a, ids));
            ranOn.put("b", greetings(b, ids));
            if (ranOn.get("a").size() + ranOn.get("b").size() >= ids.size() || System.nanoTime() - deadline > 0) {
                return ranOn;
            }
            if (!a.awaitMoreOutput(100)) {
                b.awaitMoreOutput(100);
            }
        }
    }

    private static List<String> greetings(ScaleOutApp app, Set<String> ids) {
        List<String> found = new ArrayList<>();
        for (JsonNode line : app.lines()) {
            String requestId = line.path("mdc").path("request_id").asText();
            if ("Greeting a caller".equals(line.path("message").asText()) && ids.contains(requestId)) {
                assertThat(line.path("mdc").path("function").asText()).isEqualTo("greet");
                found.add(requestId);
            }
        }
        return found;
    }

    /** Polls the group's description until it is stable with two members that both have partitions; bounded. */
    private static void awaitGroupOfTwo() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                backends.broker.bootstrapServers()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = "";
            while (System.nanoTime() - deadline < 0) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                        .get(10, TimeUnit.SECONDS).get(GROUP);
                boolean bothAssigned = group.members().size() == 2;
                for (MemberDescription member : group.members()) {
                    bothAssigned &= !member.assignment().topicPartitions().isEmpty();
                }
                last = group.groupState() + " with " + group.members().size() + " members";
                if (bothAssigned && "STABLE".equals(group.groupState().name())) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(50); // paces the polling only
            }
            throw new AssertionError("The group " + GROUP + " never was stable with two members: " + last);
        }
    }
}
