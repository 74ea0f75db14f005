package io.quarkiverse.functions.deployment;

import java.util.List;

import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

import io.cloudevents.core.format.EventFormat;
import io.quarkiverse.functions.runtime.internal.CloudEvents;
import io.quarkiverse.functions.runtime.internal.CurrentFunctionContext;
import io.quarkiverse.functions.runtime.internal.FunctionCatalog;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.FunctionsLifecycle;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.Idempotency;
import io.quarkiverse.functions.runtime.internal.InMemoryIdempotencyStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;

/**
 * The core extension: its feature, its beans and its native registrations.
 */
class FunctionsProcessor {

    static final String FEATURE = "functions";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Consumes the validation marker so that the signature checks run before Funqy's scanner, which needs this step's
     * beans in the bean archive index.
     */
    @BuildStep
    AdditionalBeanBuildItem registerBeans(FunctionSignaturesValidatedBuildItem validated) {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(FunctionCatalog.class, FunctionInvoker.class, CurrentFunctionContext.class,
                        FunctionsLifecycle.class, CloudEvents.class, HttpDispatcher.class, Idempotency.class,
                        InMemoryIdempotencyStore.class)
                .setUnremovable()
                .build();
    }

    /**
     * The catalog prepares every function's JSON reader and writer, and its validator, at static init.
     */
    @BuildStep
    UnremovableBeanBuildItem keepMapperAndValidator() {
        return UnremovableBeanBuildItem.beanTypes(DotName.createSimple("com.fasterxml.jackson.databind.ObjectMapper"),
                DotName.createSimple("jakarta.validation.Validator"));
    }

    /**
     * Native: Jackson reads and writes function inputs and outputs by reflection.
     */
    @BuildStep
    void registerFunctionTypes(List<FunctionSignatureBuildItem> functions, CombinedIndexBuildItem index,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        for (FunctionSignatureBuildItem function : functions) {
            String source = FunctionsProcessor.class.getSimpleName() + " > function '" + function.getName() + "'";
            register(function.getInputType(), index, source, reflectiveHierarchy);
            register(function.getOutputType(), index, source, reflectiveHierarchy);
        }
    }

    private static void register(Type type, CombinedIndexBuildItem index, String source,
            BuildProducer<ReflectiveHierarchyBuildItem> reflectiveHierarchy) {
        if (type == null || type.kind() == Type.Kind.VOID || type.kind() == Type.Kind.PRIMITIVE) {
            return;
        }
        reflectiveHierarchy.produce(ReflectiveHierarchyBuildItem.builder(type)
                .index(index.getIndex())
                .source(source)
                .build());
    }

    /**
     * Native: the CloudEvents SDK finds its JSON event format through {@link java.util.ServiceLoader}.
     */
    /** The deadline watchdog starts a thread in its static init: never while the native image is built. */
    @BuildStep
    RuntimeInitializedClassBuildItem deadlineWatchdog() {
        return new RuntimeInitializedClassBuildItem("io.quarkiverse.functions.runtime.internal.DeadlineTimer$Holder");
    }

    @BuildStep
    ServiceProviderBuildItem cloudEventFormats() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(EventFormat.class.getName());
    }
}
