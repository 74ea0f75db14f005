package io.quarkiverse.functions.deployment;

import io.quarkiverse.functions.runtime.StartupReportRecorder;
import io.quarkiverse.functions.runtime.internal.StartupReport;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.runtime.RuntimeValue;

/**
 * The start-up report's clock readings at static init and runtime init; whether it prints is run-time configuration.
 */
class StartupReportProcessor {

    @BuildStep
    AdditionalBeanBuildItem startupReportBean() {
        return AdditionalBeanBuildItem.unremovableOf(StartupReport.class);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    StaticInitReachedBuildItem staticInit(StartupReportRecorder recorder) {
        return new StaticInitReachedBuildItem(recorder.staticInit());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ServiceStartBuildItem runtimeInit(StartupReportRecorder recorder, StaticInitReachedBuildItem staticInit,
            BeanContainerBuildItem beans) {
        recorder.runtimeInit(staticInit.time, beans.getValue());
        // a service start: Quarkus fires the start-up event after every one of them, so this reading comes before it
        return new ServiceStartBuildItem("functions-startup-report");
    }

    /**
     * When static init reached the functions' step. Produced by {@link #staticInit}, consumed by {@link #runtimeInit}.
     */
    static final class StaticInitReachedBuildItem extends SimpleBuildItem {
        private final RuntimeValue<Long> time;

        StaticInitReachedBuildItem(RuntimeValue<Long> time) {
            this.time = time;
        }
    }
}
