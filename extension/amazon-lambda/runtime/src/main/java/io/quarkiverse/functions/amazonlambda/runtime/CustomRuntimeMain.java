package io.quarkiverse.functions.amazonlambda.runtime;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;

/**
 * The entry point of the JVM custom runtime ({@code function-jvm-custom-runtime.zip}): its {@code bootstrap} runs
 * {@code java ... -cp <runner>.jar io.quarkiverse.functions.amazonlambda.runtime.CustomRuntimeMain}.
 * <p>
 * It starts the application as {@link FunctionsStreamHandler} does on the managed runtime, in Lambda's init phase. A
 * start that fails (an export that names no function, a warm-up that throws) is reported to
 * {@code /runtime/init/error} with the same body, and the process exits non-zero. Otherwise the main thread serves
 * events: no thread is started for the loop, and nothing runs beside it.
 */
public final class CustomRuntimeMain {

    private CustomRuntimeMain() {
    }

    public static void main(String[] args) throws IOException {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || api.isBlank()) {
            System.err.println("AWS_LAMBDA_RUNTIME_API is not set: this is the entry point of a Lambda custom runtime,"
                    + " which Lambda starts through the zip's bootstrap.");
            System.exit(2);
        }
        FunctionsLambdaHandler handler;
        ObjectMapper mapper;
        try {
            Quarkus.manualInitialize();
            Quarkus.manualStart();
            handler = Arc.container().instance(FunctionsLambdaHandler.class).get();
            mapper = Arc.container().instance(ObjectMapper.class).get();
        } catch (RuntimeException e) {
            // Quarkus has logged the failure; Lambda gets its root message, as from the managed runtime
            CustomRuntimePollLoop.initError(api, FunctionsStreamHandler.rootMessage(e));
            System.exit(1);
            return;
        }
        new CustomRuntimePollLoop(api, handler, mapper).run();
        // the Runtime API went away: the sandbox is ending
        Quarkus.asyncExit(0);
        System.exit(0);
    }
}
