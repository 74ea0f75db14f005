package io.quarkiverse.functions.googlecloudfunctions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkiverse.functions.googlecloudfunctions.runtime.CloudEventFunctionEntryPoint;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Both ways the event entry point is called check the event against CloudEvents 1.0 before the function runs: as an
 * {@code HttpFunction} it answers {@code 400 invalid-cloudevent}; as a {@code CloudEventsFunction}, given an event
 * the Functions Framework built (and which it may have let through: 0.3, an empty subject), it can only acknowledge
 * it, and logs it as poison.
 */
class InvalidCloudEventTest {

    private static final String POISON = "Poison event acknowledged, it will not be retried: CloudEvent %s of type order "
            + "was rejected with 400 invalid-cloudevent: The request is not a valid CloudEvent: %s";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive archive) -> archive.addClasses(Orders.class, FakeHttp.class,
                    FakeHttp.Request.class, FakeHttp.Response.class))
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.quarkiverse.functions.googlecloudfunctions"))
            .assertLogRecords(records -> assertThat(records)
                    .extracting(record -> String.format(record.getMessage(), record.getParameters()))
                    .contains(String.format(POISON, "e-3", "attribute 'specversion' must be 1.0, the CloudEvents version "
                            + "this server implements, not '0.3'."),
                            String.format(POISON, "e-4", "attribute 'subject' must be a non-empty string.")));

    public static class Orders {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Funq
        public String order(String sku) {
            CALLS.incrementAndGet();
            return "ordered " + sku;
        }
    }

    @Test
    void overHttpAnInvalidEventIs400AndTheFunctionDoesNotRun() throws Exception {
        int calls = Orders.CALLS.get();

        FakeHttp.Response binary = post(FakeHttp.post("/", "\"apple\"", "ce-specversion", "0.3", "ce-id", "e-1",
                "ce-source", "/shop", "ce-type", "order", "Content-Type", "application/json"));
        assertProblem(binary, "attribute 'specversion' (header ce-specversion) must be 1.0, the CloudEvents version this "
                + "server implements, not '0.3'.");
        FakeHttp.Response structured = post(FakeHttp.post("/", "{\"specversion\":\"1.0\",\"id\":5,\"source\":\"/shop\","
                + "\"type\":\"order\",\"data\":\"apple\"}", "Content-Type", "application/cloudevents+json"));
        assertProblem(structured, "attribute 'id' must be a JSON string, not a number.");

        assertThat(Orders.CALLS.get()).isEqualTo(calls);
    }

    @Test
    void overHttpAValidEventReachesTheFunction() throws Exception {
        int calls = Orders.CALLS.get();
        FakeHttp.Response response = post(FakeHttp.post("/", "\"apple\"", "ce-specversion", "1.0", "ce-id", "e-2",
                "ce-source", "/shop", "ce-type", "order", "ce-subject", "apples", "Content-Type", "application/json"));

        assertThat(response.status).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("ordered apple");
        assertThat(Orders.CALLS.get()).isEqualTo(calls + 1);
    }

    @Test
    void aFrameworkDecodedEventThatBreaksARuleIsAcknowledgedWithoutRunningTheFunction() {
        int calls = Orders.CALLS.get();
        CloudEventFunctionEntryPoint entryPoint = new CloudEventFunctionEntryPoint();

        assertThatCode(() -> entryPoint.accept(CloudEventBuilder.v03().withId("e-3").withSource(URI.create("/shop"))
                .withType("order").withDataContentType("application/json")
                .withData("\"apple\"".getBytes(StandardCharsets.UTF_8)).build())).doesNotThrowAnyException();
        assertThatCode(() -> entryPoint.accept(CloudEventBuilder.v1().withId("e-4").withSource(URI.create("/shop"))
                .withType("order").withSubject("").withDataContentType("application/json")
                .withData("\"apple\"".getBytes(StandardCharsets.UTF_8)).build())).doesNotThrowAnyException();
        assertThat(Orders.CALLS.get()).isEqualTo(calls);

        entryPoint.accept(CloudEventBuilder.v1().withId("e-5").withSource(URI.create("/shop")).withType("order")
                .withDataContentType("application/json").withData("\"apple\"".getBytes(StandardCharsets.UTF_8)).build());
        assertThat(Orders.CALLS.get()).isEqualTo(calls + 1);
    }

    private static FakeHttp.Response post(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        new CloudEventFunctionEntryPoint().service(request, response);
        return response;
    }

    private static void assertProblem(FakeHttp.Response response, String detail) throws Exception {
        assertThat(response.status).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(response.bodyText());
        assertThat(problem.path("code").asText()).isEqualTo("invalid-cloudevent");
        assertThat(problem.path("detail").asText()).isEqualTo("The request is not a valid CloudEvent: " + detail);
    }
}
