package io.quarkiverse.functions.it;

import jakarta.inject.Inject;

import io.quarkiverse.functions.FunctionContext;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;

// tag::context[]
public class ContextFunctions {

    public record ContextInfo(String requestId, String functionName, String platform, long remainingMillis,
            boolean coldStart, String traceId, int attempt, String requestIdSeenByService) {
    }

    @Inject
    DeadlineAwareService service; // reads the same context through injection

    @Funq
    public ContextInfo context(@Context FunctionContext context) {
        return new ContextInfo(context.requestId(), context.functionName(), context.platform().name(),
                context.remainingMillis(), context.coldStart(), context.traceId().orElse(null), context.attempt(),
                service.currentRequestId());
    }
}
// end::context[]
