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
 * <li><b>Slow clients.</b> Quarkus's {@code quarkus.http.idle-timeout} (30 minutes by default) becomes the client
 * timeout, unless the application sets it. Vert.x's idle handler sits after the HTTP decoder, so it sees activity only
 * when a whole message part arrives: a connection that stalls, or that trickles its request line and headers a byte at
 * a time, is closed after that time, and so is an unused kept-alive connection. A body trickled a byte at a time does
 * count as activity; {@link FunctionsHttpGuard} bounds that. Since nothing is read or written while a function runs,
 * the timeout is never shorter than the longest function deadline plus one second. (A write-idle timeout would have
 * said "nothing sent to the client" more directly, but Vert.x 4.5 does not close on it here: measured.)</li>
 * <li><b>Decoder limits.</b> Gives Vert.x's decoder headroom over Quarkus's request-line and header limits, which
 * {@link FunctionsHttpLimitsFilter} then answers with a problem document.</li>
 * </ul>
 */
@Singleton
public class FunctionsHttpServerOptions implements HttpServerOptionsCustomizer {

    /** {@code quarkus.http.idle-timeout}'s default; any other value was chosen by the application and is kept. */
    static final Duration QUARKUS_DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

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
        // the config always has a value (Quarkus's default is a default source): replace only that default
        if (unit.toMillis(options.getIdleTimeout()) == QUARKUS_DEFAULT_IDLE_TIMEOUT.toMillis()) {
            options.setIdleTimeout((int) Math.max(1, unit.convert(timeout)));
        }
        options.setMaxInitialLineLength(options.getMaxInitialLineLength() * FunctionsHttpLimitsFilter.DECODER_HEADROOM);
        options.setMaxHeaderSize(options.getMaxHeaderSize() * FunctionsHttpLimitsFilter.DECODER_HEADROOM);
    }

    /**
     * @return {@code configured}, or the longest function deadline plus one second when that is longer: the idle
     *         timeout the HTTP server gets
     */
    public static Duration clientTimeout(Duration configured, FunctionsRuntimeConfig functions) {
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
