package io.quarkiverse.functions.http.runtime;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Makes {@code SIGTERM} a normal exit. The JVM's own handler runs the shutdown hooks (Quarkus's graceful shutdown)
 * and then exits with 143, which Cloud Run and Knative report as a crash of the container; Quarkus handles only
 * {@code SIGINT}-like signals itself. This handler asks Quarkus to exit with 0 instead, through the same graceful
 * shutdown. Set the environment variable {@code DISABLE_SIGNAL_HANDLERS} (Quarkus's own switch) to keep the JVM's.
 */
final class SigtermExit implements SignalHandler {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.http");

    private SigtermExit() {
    }

    static void install() {
        if (LaunchMode.current() != LaunchMode.NORMAL || System.getenv("DISABLE_SIGNAL_HANDLERS") != null) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), new SigtermExit());
        } catch (IllegalArgumentException e) {
            // the JVM runs with -Xrs, or the platform has no SIGTERM: keep its own handling
            LOG.debugf("SIGTERM keeps the JVM's handling: %s", e.getMessage());
        }
    }

    @Override
    public void handle(Signal signal) {
        Quarkus.asyncExit(0);
    }
}
