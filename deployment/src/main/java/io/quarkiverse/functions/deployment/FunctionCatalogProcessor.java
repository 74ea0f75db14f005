package io.quarkiverse.functions.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.STATIC_INIT;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkiverse.functions.runtime.FunctionsRecorder;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkiverse.functions.runtime.internal.MethodInvoker;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.funqy.deployment.FunctionBuildItem;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.ResultHandle;

/**
 * Builds the function table: one generated, reflection-free {@link MethodInvoker} per function, and the recorded
 * catalog that static init turns into ready-to-call definitions.
 */
class FunctionCatalogProcessor {

    @BuildStep
    FunctionCatalogBuildItem generateInvokers(List<FunctionBuildItem> discovered, List<FunctionSignatureBuildItem> signatures,
            BuildProducer<GeneratedClassBuildItem> generatedClasses) {
        GeneratedClassGizmoAdaptor output = new GeneratedClassGizmoAdaptor(generatedClasses, true);
        List<FunctionSpec> specs = new ArrayList<>();
        for (FunctionBuildItem function : discovered) {
            FunctionSignatureBuildItem signature = find(signatures, function);
            MethodInfo method = signature.getMethod();
            String invokerClass = method.declaringClass().name().toString() + "$$FunctionInvoker$" + sanitize(method.name())
                    + "_" + Integer.toHexString(method.descriptor().hashCode() & 0x7fffffff);
            generateInvoker(output, invokerClass, method);

            List<String> parameterTypes = new ArrayList<>();
            for (Type type : method.parameterTypes()) {
                parameterTypes.add(erasure(type));
            }
            specs.add(new FunctionSpec(signature.getName(), method.declaringClass().name().toString(), method.name(),
                    parameterTypes, signature.getInputIndex(), signature.getContextIndex(), signature.isAsync(),
                    invokerClass));
        }
        specs.sort(Comparator.comparing(FunctionSpec::getName));
        return new FunctionCatalogBuildItem(specs);
    }

    @BuildStep
    @Record(STATIC_INIT)
    FunctionCatalogLoadedBuildItem loadCatalog(FunctionsRecorder recorder, FunctionCatalogBuildItem catalog,
            BeanContainerBuildItem beanContainer, Capabilities capabilities) {
        recorder.loadCatalog(beanContainer.getValue(), catalog.getFunctions(),
                capabilities.isPresent(Capability.HIBERNATE_VALIDATOR));
        return new FunctionCatalogLoadedBuildItem();
    }

    private static FunctionSignatureBuildItem find(List<FunctionSignatureBuildItem> signatures, FunctionBuildItem function) {
        for (FunctionSignatureBuildItem signature : signatures) {
            MethodInfo method = signature.getMethod();
            if (method.declaringClass().name().toString().equals(function.getClassName())
                    && method.name().equals(function.getMethodName())
                    && method.descriptor().equals(function.getDescriptor())) {
                return signature;
            }
        }
        throw new IllegalStateException("@Funq method " + function.getClassName() + "#" + function.getMethodName()
                + " was found by Funqy's scanner but not by the signature checks; is its class in the application index?");
    }

    private static void generateInvoker(GeneratedClassGizmoAdaptor output, String className, MethodInfo method) {
        try (ClassCreator invoker = ClassCreator.builder().classOutput(output).className(className)
                .interfaces(MethodInvoker.class).build()) {
            MethodCreator invoke = invoker.getMethodCreator("invoke", Object.class, Object.class, Object[].class);
            invoke.addException(Exception.class);
            ResultHandle bean = invoke.checkCast(invoke.getMethodParam(0), method.declaringClass().name().toString());
            ResultHandle[] args = new ResultHandle[method.parametersCount()];
            for (int i = 0; i < args.length; i++) {
                ResultHandle arg = invoke.readArrayValue(invoke.getMethodParam(1), i);
                Type parameter = method.parameterType(i);
                if (parameter.kind() == Type.Kind.PRIMITIVE) {
                    Class<?> wrapper = boxed(parameter.asPrimitiveType());
                    args[i] = invoke.smartCast(invoke.checkCast(arg, wrapper), unboxed(wrapper));
                } else {
                    args[i] = invoke.checkCast(arg, erasure(parameter));
                }
            }
            ResultHandle result = Modifier.isInterface(method.declaringClass().flags())
                    ? invoke.invokeInterfaceMethod(method, bean, args)
                    : invoke.invokeVirtualMethod(method, bean, args);
            if (method.returnType().kind() == Type.Kind.VOID) {
                invoke.returnValue(invoke.loadNull());
            } else if (method.returnType().kind() == Type.Kind.PRIMITIVE) {
                invoke.returnValue(invoke.smartCast(result, boxed(method.returnType().asPrimitiveType())));
            } else {
                invoke.returnValue(result);
            }
        }
    }

    private static Class<?> boxed(org.jboss.jandex.PrimitiveType type) {
        switch (type.primitive()) {
            case BOOLEAN:
                return Boolean.class;
            case BYTE:
                return Byte.class;
            case CHAR:
                return Character.class;
            case SHORT:
                return Short.class;
            case INT:
                return Integer.class;
            case LONG:
                return Long.class;
            case FLOAT:
                return Float.class;
            default:
                return Double.class;
        }
    }

    private static Class<?> unboxed(Class<?> wrapper) {
        try {
            return (Class<?>) wrapper.getField("TYPE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No primitive type for " + wrapper, e);
        }
    }

    private static String erasure(Type type) {
        return type.name().toString();
    }

    private static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return out.toString();
    }
}
