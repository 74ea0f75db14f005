package io.quarkiverse.functions.amazonlambda.runtime;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownContext;

/**
 * The Runtime API loop of a native {@code bootstrap}: {@link CustomRuntimePollLoop}, on one thread of its own (Quarkus's
 * main thread waits for the application to exit). When the Runtime API goes away the sandbox is ending, and the
 * application exits.
 */
public final class NativePollLoop {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions.amazonlambda");

    private NativePollLoop() {
    }

    public static void start(ShutdownContext shutdown) {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || api.isBlank()) {
            LOG.error("AWS_LAMBDA_RUNTIME_API is not set: this executable is a Lambda custom runtime (bootstrap),"
                    + " which Lambda starts with the Runtime API's address.");
            Quarkus.asyncExit(2);
            return;
        }
        FunctionsLambdaHandler handler = Arc.container().instance(FunctionsLambdaHandler.class).get();
        ObjectMapper mapper = Arc.container().instance(ObjectMapper.class).get();
        Thread loop = new Thread(() -> {
            new CustomRuntimePollLoop(api, handler, mapper).run();
            Quarkus.asyncExit(0);
        }, "lambda-poll-loop");
        loop.setDaemon(true);
        shutdown.addShutdownTask(loop::interrupt);
        loop.start();
    }
}
