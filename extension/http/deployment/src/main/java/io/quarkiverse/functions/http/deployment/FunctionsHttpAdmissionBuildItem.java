package io.quarkiverse.functions.http.deployment;

import io.quarkiverse.functions.http.runtime.FunctionsHttpAdmission;
import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.runtime.RuntimeValue;

/**
 * The server's overload and shutdown state, created at run-time init. Produced by {@link FunctionsHttpServerProcessor};
 * consumed by the binding's route and by the shutdown listener.
 */
final class FunctionsHttpAdmissionBuildItem extends SimpleBuildItem {

    private final RuntimeValue<FunctionsHttpAdmission> admission;

    FunctionsHttpAdmissionBuildItem(RuntimeValue<FunctionsHttpAdmission> admission) {
        this.admission = admission;
    }

    RuntimeValue<FunctionsHttpAdmission> getAdmission() {
        return admission;
    }
}
