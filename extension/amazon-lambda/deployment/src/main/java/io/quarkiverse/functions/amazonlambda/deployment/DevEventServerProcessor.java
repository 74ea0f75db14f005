package io.quarkiverse.functions.amazonlambda.deployment;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.amazon.lambda.deployment.EventServerOverrideBuildItem;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev and test mode: Quarkus's mock Lambda event server (the Runtime API the poll loop fetches events from), with two
 * changes. Its replies say what they are ({@code application/json}, and {@code X-Amz-Function-Error: Unhandled} for a
 * failed invocation, as Lambda's Invoke API), where the stock server echoes the content type the poll loop happened to
 * post ({@code application/x-www-form-urlencoded}). And in dev mode it yields port 8080 to the HTTP server of dev mode
 * (the functions on {@code POST /<function>}, the Dev UI) when both would take it: the Runtime API then takes a free
 * port, which the poll loop learns from the dev service's configuration.
 */
class DevEventServerProcessor {

    private static final Logger LOG = Logger.getLogger(DevEventServerProcessor.class);

    @BuildStep(onlyIfNot = IsNormal.class)
    EventServerOverrideBuildItem eventServer(LaunchModeBuildItem launchMode) {
        boolean dev = launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT;
        return new EventServerOverrideBuildItem(() -> new FunctionsEventServer(dev));
    }

    static final class FunctionsEventServer extends MockEventServer {

        private final boolean dev;

        FunctionsEventServer(boolean dev) {
            this.dev = dev;
        }

        @Override
        public void start(int port) {
            int httpPort = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            if (dev && port == httpPort) {
                super.start(0);
                LOG.debugf("Lambda Runtime API of dev mode on port %d; port %d serves the functions", getPort(), httpPort);
            } else {
                super.start(port);
            }
        }

        @Override
        public void processResponse(RoutingContext ctx, RoutingContext pending, Buffer buffer) {
            reply(pending, buffer, 200);
        }

        @Override
        public void processError(RoutingContext ctx, RoutingContext pending, Buffer buffer) {
            pending.response().putHeader("X-Amz-Function-Error", "Unhandled");
            // the stock server's status for a failed invocation, which tests may already assert on
            reply(pending, buffer, 500);
        }

        private static void reply(RoutingContext pending, Buffer buffer, int status) {
            if (buffer == null || buffer.length() == 0) {
                pending.response().setStatusCode(status == 200 ? 204 : status).end();
            } else {
                // a Lambda response (and an error document) is JSON
                pending.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(buffer);
            }
        }
    }
}
