package io.quarkiverse.functions.googlecloudfunctions.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkiverse.functions.ClientException;
import io.quarkiverse.functions.googlecloudfunctions.runtime.CloudEventFunctionEntryPoint;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code event-client-errors=reject}: an event the function rejects is answered with the error's own 4xx.
 */
class RejectClientErrorsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive archive) -> archive.addClasses(Orders.class, FakeHttp.class,
                    FakeHttp.Request.class, FakeHttp.Response.class))
            .overrideConfigKey("quarkus.functions.google-cloud-functions.event-client-errors", "reject");

    public static class Orders {
        @Funq
        public String order(String sku) {
            throw new ClientException(409, "out-of-stock", "Item " + sku + " is out of stock.");
        }
    }

    @Test
    void aRejectedEventIsAnsweredWithTheErrorsStatus() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        new CloudEventFunctionEntryPoint().service(FakeHttp.post("/", "\"apple\"", "ce-specversion", "1.0", "ce-id", "e-1",
                "ce-source", "/shop", "ce-type", "order", "Content-Type", "application/json",
                "Function-Execution-Id", "exec-1"), response);

        assertThat(response.status).isEqualTo(409);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.header("X-Request-Id")).isEqualTo("exec-1");
        assertThat(response.bodyText()).contains("\"code\":\"out-of-stock\"").contains("\"instance\":\"exec-1\"");
    }

    @Test
    void aFrameworkDecodedEventCanOnlyBeAcknowledged() {
        // The framework answers 500 to an exception, which would retry the event: the binding acknowledges instead.
        assertThatCode(() -> new CloudEventFunctionEntryPoint().accept(CloudEventBuilder.v1().withId("e-2")
                .withSource(URI.create("/shop")).withType("order").withDataContentType("application/json")
                .withData("\"apple\"".getBytes(StandardCharsets.UTF_8)).build())).doesNotThrowAnyException();
    }
}
