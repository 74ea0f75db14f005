package io.quarkiverse.functions.deployment;

import org.jboss.jandex.DotName;

import io.quarkiverse.functions.FunctionContext;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;

/**
 * Jandex names used by the build steps.
 */
public final class FunctionsDotNames {

    public static final DotName FUNQ = DotName.createSimple(Funq.class);
    public static final DotName CONTEXT = DotName.createSimple(Context.class);
    public static final DotName FUNCTION_CONTEXT = DotName.createSimple(FunctionContext.class);
    public static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    public static final DotName MULTI = DotName.createSimple("io.smallrye.mutiny.Multi");
    public static final DotName COMPLETION_STAGE = DotName.createSimple("java.util.concurrent.CompletionStage");
    public static final DotName COMPLETABLE_FUTURE = DotName.createSimple("java.util.concurrent.CompletableFuture");
    public static final DotName OBJECT = DotName.createSimple(Object.class);
    public static final DotName VOID = DotName.createSimple(Void.class);

    private FunctionsDotNames() {
    }
}
