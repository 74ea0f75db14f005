package io.quarkiverse.functions.runtime;

import io.quarkiverse.functions.runtime.internal.StartupReport;
import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

/**
 * The two moments of start-up only a recorder sees, for the start-up report: its static-init step and its runtime-init
 * step. Each reads the clock once, whether the report is on or not.
 */
@Recorder
public class StartupReportRecorder {

    /**
     * @return when static init reached this step, epoch ms; {@code -1} while a native image is built, where static init
     *         happens at build time
     */
    public RuntimeValue<Long> staticInit() {
        return new RuntimeValue<>(ImageMode.current() == ImageMode.NATIVE_BUILD ? -1L : System.currentTimeMillis());
    }

    public void runtimeInit(RuntimeValue<Long> staticInit, BeanContainer container) {
        long now = System.currentTimeMillis();
        container.beanInstance(StartupReport.class).runtimeInit(staticInit.getValue(), now);
    }
}
