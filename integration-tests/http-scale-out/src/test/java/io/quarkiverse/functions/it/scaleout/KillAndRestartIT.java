package io.quarkiverse.functions.it.scaleout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A job accepted before a {@code kill -9} completes after the restart. The strongest variant: the job is not merely
 * accepted but <em>running</em> on instance A (workers on) when A gets SIGKILL. A accepts an async call of {@code slow}
 * (5 s), its job resource is read until it says {@code running}, then A is killed at once; Redis still says
 * {@code running} afterwards (A never finished it, so its Kafka record was never committed). Instance B, started on the
 * same Redis, topic and consumer group, is delivered the record again and runs it: {@code GET <Location>} on B with
 * {@code Prefer: wait} answers {@code succeeded} with the result, and B's log has the function's line.
 * <p>
 * {@code slow} is idempotent in this app (keyed by the job), so B's first attempt may find the in-progress marker A
 * left; it then waits until that marker's end (A's deadline, 10 s here) instead of being dead-lettered unrun.
 */
class KillAndRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void aJobRunningWhenItsInstanceIsKilledSucceedsOnTheNextInstance() throws Exception {
        List<String> options = new ArrayList<>(backends.options());
        options.add("-Dquarkus.functions.\"slow\".timeout=10s");
        String location;
        String id;

        // Given a job running on A
        try (ScaleOutApp a = ScaleOutApp.start("a", options)) {
            Response accepted = given().port(a.port).contentType(ContentType.JSON).header("Prefer", "respond-async")
                    .body("{\"millis\":5000}").when().post("/slow");
            accepted.then().statusCode(202);
            location = accepted.header("Location");
            id = location.substring(location.lastIndexOf('/') + 1);
            awaitStatus(a.port, location, "running");

            // When A is killed
            a.kill();

            // Then A left it running: never finished, never committed
            JsonNode left = JSON.readTree(backends.redisGet("scale-out:job:slow:" + id));
            assertThat(left.path("status").asText()).isEqualTo("running");
            assertThat(left.path("attempts").asInt()).isEqualTo(1);
            assertThat(a.lines()).noneMatch(line -> line.path("message").asText().startsWith("Slept"));
        }

        // And B, on the same Redis and topic, runs it to the end
        try (ScaleOutApp b = ScaleOutApp.start("b", options)) {
            given().port(b.port).header("Prefer", "wait=60").when().get(location)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("status", equalTo("succeeded"))
                    .body("result.sleptMillis", equalTo(5000));
            JsonNode slept = b.awaitLine(line -> line.path("message").asText().equals("Slept 5000 ms"));
            assertThat(slept.path("level").asText()).isEqualTo("INFO");
            assertThat(JSON.readTree(backends.redisGet("scale-out:job:slow:" + id)).path("status").asText())
                    .isEqualTo("succeeded");
        }
    }

    /** Reads the job's state until it has the status; bounded, each round a request to the app. */
    private static void awaitStatus(int port, String location, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = null;
        while (System.nanoTime() - deadline < 0) {
            last = given().port(port).when().get(location).then().statusCode(200).extract().path("status");
            if (status.equals(last)) {
                return;
            }
            assertThat(last).as("the job's status before %s", status).isEqualTo("pending");
            TimeUnit.MILLISECONDS.sleep(10); // paces the polling only
        }
        throw new AssertionError("The job never was " + status + "; last: " + last);
    }
}
