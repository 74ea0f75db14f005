package io.quarkiverse.functions.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;
import static io.quarkus.deployment.annotations.ExecutionTime.STATIC_INIT;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import io.quarkiverse.functions.runtime.MutinyRecorder;
import io.quarkiverse.functions.runtime.internal.RequestContextDecorator;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ExecutorBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.smallrye.mutiny.infrastructure.CallbackDecorator;

/**
 * The core depends on plain Mutiny, not on {@code quarkus-mutiny}, whose dependency on SmallRye Context Propagation
 * costs start-up time on every platform. When {@code quarkus-mutiny} is absent these steps do the part of its set-up
 * that the functions need; when present (any application with Vert.x, such as the HTTP binding) they stay out of its
 * way, as setting Mutiny's executor twice would shut the first one down, and their context propagation and
 * {@link RequestContextDecorator} must not stack.
 */
@BuildSteps(onlyIf = MutinyProcessor.QuarkusMutinyAbsent.class)
class MutinyProcessor {

    private static final String SERVICE_FILE = "META-INF/services/" + CallbackDecorator.class.getName();

    @BuildStep
    @Record(STATIC_INIT)
    void logThroughJBossLogging(MutinyRecorder recorder) {
        recorder.logThroughJBossLogging();
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    void useQuarkusWorkers(MutinyRecorder recorder, ExecutorBuildItem executor) {
        recorder.useQuarkusWorkers(executor.getExecutorProxy());
    }

    /**
     * Mutiny finds callback decorators with {@code ServiceLoader} only, so the entry is generated here rather than
     * shipped in the runtime jar, where it would be active with {@code quarkus-mutiny} too.
     */
    @BuildStep
    GeneratedResourceBuildItem propagateRequestContext() {
        return new GeneratedResourceBuildItem(SERVICE_FILE,
                (RequestContextDecorator.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Native: includes the generated entry and registers the decorator for the reflective instantiation.
     */
    @BuildStep
    ServiceProviderBuildItem propagateRequestContextInNative() {
        return new ServiceProviderBuildItem(CallbackDecorator.class.getName(), RequestContextDecorator.class.getName());
    }

    static final class QuarkusMutinyAbsent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return !QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.mutiny.runtime.MutinyInfrastructure");
        }
    }
}
