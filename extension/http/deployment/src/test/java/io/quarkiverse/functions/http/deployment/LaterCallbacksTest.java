package io.quarkiverse.functions.http.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;

import jakarta.inject.Inject;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * Over HTTP quarkus-mutiny is there, and its context propagation gives later callbacks of a {@code Uni} the request
 * context, as the core's own decorator does on Lambda and Google Cloud Functions; the two do not stack.
 */
class LaterCallbacksTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class));

    @Test
    void laterCallbacksHaveTheRequestContext() {
        // SmallRye Context Propagation carries the request context, not the MDC: the log fields are not asserted here.
        given().contentType(ContentType.JSON).header("X-Request-Id", "req-later")
                .when().post("/afterDelay")
                .then().statusCode(200).body(startsWith("req-later|"));
    }

    @Test
    void theCoreDecoratorIsNotRegisteredNextToContextPropagation() throws IOException {
        StringBuilder entries = new StringBuilder();
        for (URL url : Collections.list(Thread.currentThread().getContextClassLoader()
                .getResources("META-INF/services/io.smallrye.mutiny.infrastructure.CallbackDecorator"))) {
            try (InputStream in = url.openStream()) {
                entries.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.toString()).doesNotContain("RequestContextDecorator");
    }

    public static class Functions {

        @Inject
        FunctionContext context;

        @Funq
        public Uni<String> afterDelay() {
            return Uni.createFrom().item("").onItem().delayIt().by(Duration.ofMillis(10))
                    .onItem().transform(ignored -> context.requestId() + "|" + MDC.get("request_id"));
        }
    }
}
