package io.quarkiverse.functions.http.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig.FunctionConfig;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP server's options for slow clients and for the binding's own limits.
 * <ul>
 * <li><b>Slow clients.</b> Quarkus's {@code quarkus.http.idle-timeout} (30 minutes) closes a connection only when
 * nothing at all is read or written, so a client that sends one byte every few seconds keeps its connection, and a
 * thread of work, forever. A write-idle timeout closes it: the server writes nothing while it waits for a request's
 * headers and body, however slowly they trickle in. Since it also writes nothing while a function runs, the timeout is
 * never shorter than the longest function deadline plus one second.</li>
 * <li><b>Decoder limits.</b> Gives Vert.x's decoder headroom over Quarkus's request-line and header limits, which
 * {@link FunctionsHttpLimitsFilter} then answers with a problem document.</li>
 * </ul>
 */
@Singleton
public class FunctionsHttpServerOptions implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        customize(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customize(options);
    }

    @Override
    public void customizeDomainSocketServer(HttpServerOptions options) {
        customize(options);
    }

    private static void customize(HttpServerOptions options) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Duration timeout = clientTimeout(config.getConfigMapping(FunctionsHttpRuntimeConfig.class).clientTimeout(),
                config.getConfigMapping(FunctionsRuntimeConfig.class));
        TimeUnit unit = options.getIdleTimeoutUnit();
        options.setWriteIdleTimeout((int) Math.max(1, unit.convert(timeout)));
        options.setMaxInitialLineLength(options.getMaxInitialLineLength() * FunctionsHttpLimitsFilter.DECODER_HEADROOM);
        options.setMaxHeaderSize(options.getMaxHeaderSize() * FunctionsHttpLimitsFilter.DECODER_HEADROOM);
    }

    /**
     * @return {@code configured}, or the longest function deadline plus one second when that is longer
     */
    static Duration clientTimeout(Duration configured, FunctionsRuntimeConfig functions) {
        Duration longest = functions.timeout();
        for (FunctionConfig function : functions.function().values()) {
            if (function.timeout().isPresent() && function.timeout().get().compareTo(longest) > 0) {
                longest = function.timeout().get();
            }
        }
        Duration withAnswer = longest.plusSeconds(1);
        return configured.compareTo(withAnswer) >= 0 ? configured : withAnswer;
    }
}
