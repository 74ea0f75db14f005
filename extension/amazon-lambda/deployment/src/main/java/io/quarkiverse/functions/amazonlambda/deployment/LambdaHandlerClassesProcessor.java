package io.quarkiverse.functions.amazonlambda.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler;
import io.quarkiverse.functions.deployment.FunctionCatalogBuildItem;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;

/**
 * Generates one tiny handler class per function, {@code io.quarkiverse.functions.amazonlambda.handlers.<Name>Handler},
 * a {@link FunctionsStreamHandler} bound to that function: one artifact then deploys as N Lambda functions on the
 * managed Java runtime, each naming its own handler, with no environment variable to set.
 */
class LambdaHandlerClassesProcessor {

    static final String PACKAGE = "io.quarkiverse.functions.amazonlambda.handlers.";

    @BuildStep
    LambdaHandlerClassesBuildItem generateHandlers(FunctionCatalogBuildItem catalog,
            BuildProducer<GeneratedClassBuildItem> generatedClasses) {
        GeneratedClassGizmoAdaptor output = new GeneratedClassGizmoAdaptor(generatedClasses, true);
        Map<String, String> handlers = new LinkedHashMap<>();
        for (FunctionSpec function : catalog.getFunctions()) {
            String className = PACKAGE + SamTemplateProcessor.logicalId(function.getName()) + "Handler";
            try (ClassCreator handler = ClassCreator.builder().classOutput(output).className(className)
                    .superClass(FunctionsStreamHandler.class).build()) {
                MethodCreator constructor = handler.getMethodCreator("<init>", void.class);
                constructor.invokeSpecialMethod(
                        MethodDescriptor.ofConstructor(FunctionsStreamHandler.class, String.class),
                        constructor.getThis(), constructor.load(function.getName()));
                constructor.returnValue(null);
            }
            handlers.put(function.getName(), className);
        }
        return new LambdaHandlerClassesBuildItem(handlers);
    }
}
