package io.quarkiverse.functions.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;
import static io.quarkus.deployment.annotations.ExecutionTime.STATIC_INIT;

import java.util.function.BooleanSupplier;

import io.quarkiverse.functions.runtime.MutinyRecorder;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ExecutorBuildItem;

/**
 * The core depends on plain Mutiny, not on {@code quarkus-mutiny}, whose dependency on SmallRye Context Propagation
 * costs start-up time on every platform. When {@code quarkus-mutiny} is absent these steps do the part of its set-up
 * that the functions need; when present (any application with Vert.x, such as the HTTP binding) they stay out of its
 * way, as setting Mutiny's executor twice would shut the first one down.
 */
@BuildSteps(onlyIf = MutinyProcessor.QuarkusMutinyAbsent.class)
class MutinyProcessor {

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

    static final class QuarkusMutinyAbsent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            return !QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.mutiny.runtime.MutinyInfrastructure");
        }
    }
}
