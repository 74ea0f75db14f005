package io.quarkiverse.functions.runtime;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sets up Mutiny's {@link Infrastructure} when the application has plain Mutiny only (Lambda, Google Cloud Functions).
 * With Vert.x on the class path {@code quarkus-mutiny} is there too and does this itself, with context propagation.
 * <p>
 * What is left out, and why: the blocking check ({@code canCallerThreadBeBlocked}) only guards Vert.x event-loop
 * threads, which exist only with Vert.x, and so with {@code quarkus-mutiny}; context propagation is not needed by the
 * invoker, which activates the request context and sets the log fields itself on the thread that runs the call.
 */
@Recorder
public class MutinyRecorder {

    /**
     * Mutiny's own defaults print to {@code System.err} and {@code System.out}, which breaks JSON log lines and loses
     * the request id: send both through JBoss Logging instead.
     */
    public void logThroughJBossLogging() {
        Logger logger = Logger.getLogger("io.quarkiverse.functions.mutiny");
        Infrastructure.setDroppedExceptionHandler(new Consumer<Throwable>() {
            @Override
            public void accept(Throwable dropped) {
                logger.error("Mutiny had to drop the following exception", dropped);
            }
        });
        Infrastructure.setOperatorLogger(new Infrastructure.OperatorLogger() {
            @Override
            public void log(String identifier, String event, Object value, Throwable failure) {
                if (failure != null) {
                    logger.infof("%s | %s(%s(%s))", identifier, event, failure.getClass(), failure.getMessage());
                } else if (value != null) {
                    logger.infof("%s | %s(%s)", identifier, event, value);
                } else {
                    logger.infof("%s | %s()", identifier, event);
                }
            }
        });
    }

    /**
     * Blocking functions, deadline timers and the user's own {@code emitOn}, {@code delayIt} and {@code ifNoItem} run on
     * Quarkus's worker pool ({@code quarkus.thread-pool.*}, daemon threads, shut down with the application). Mutiny's
     * default would be an unbounded cached pool and a scheduler of non-daemon threads.
     *
     * @param workers Quarkus's executor; its {@code shutdown()} is a no-op, so Mutiny cannot stop it
     */
    public void useQuarkusWorkers(ScheduledExecutorService workers) {
        // Replaces and shuts down the pool Mutiny created at class init, which has started no thread yet.
        Infrastructure.setDefaultExecutor(workers);
    }
}
