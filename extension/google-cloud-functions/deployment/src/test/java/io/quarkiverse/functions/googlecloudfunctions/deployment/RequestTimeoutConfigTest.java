package io.quarkiverse.functions.googlecloudfunctions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.functions.FunctionContext;
import io.quarkiverse.functions.googlecloudfunctions.runtime.HttpFunctionEntryPoint;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code request-timeout}: the function's deadline is the platform's timeout less the safety margin, when that is
 * earlier than the function's own timeout.
 */
class RequestTimeoutConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive archive) -> archive.addClasses(Remaining.class, FakeHttp.class,
                    FakeHttp.Request.class, FakeHttp.Response.class))
            .overrideConfigKey("quarkus.functions.google-cloud-functions.request-timeout", "3s");

    public static class Remaining {
        @Funq
        public long remaining(@Context FunctionContext context) {
            return context.remainingMillis();
        }
    }

    @Test
    void theDeadlineFollowsTheRequestTimeout() throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        new HttpFunctionEntryPoint().service(FakeHttp.post("/remaining", ""), response);

        assertThat(response.status).isEqualTo(200);
        // 3 s less the default 500 ms margin; the default function timeout is 60 s
        assertThat(Long.parseLong(response.bodyText())).isBetween(1_000L, 2_500L);
    }
}
