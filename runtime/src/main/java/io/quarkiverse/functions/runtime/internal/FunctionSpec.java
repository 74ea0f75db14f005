package io.quarkiverse.functions.runtime.internal;

import java.util.List;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * A function as the build saw it, recorded into static init.
 */
public final class FunctionSpec {

    private final String name;
    private final String declaringClass;
    private final String methodName;
    private final List<String> parameterTypes;
    private final int inputIndex;
    private final int contextIndex;
    private final boolean async;
    private final String invokerClass;

    /**
     * @param parameterTypes the erased parameter type names, to find the {@code Method} at static init
     * @param inputIndex position of the input parameter, or -1
     * @param contextIndex position of the {@code @Context FunctionContext} parameter, or -1
     * @param async whether the method returns a {@code Uni}
     * @param invokerClass the {@link MethodInvoker} generated for this method
     */
    @RecordableConstructor
    public FunctionSpec(String name, String declaringClass, String methodName, List<String> parameterTypes, int inputIndex,
            int contextIndex, boolean async, String invokerClass) {
        this.name = name;
        this.declaringClass = declaringClass;
        this.methodName = methodName;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.inputIndex = inputIndex;
        this.contextIndex = contextIndex;
        this.async = async;
        this.invokerClass = invokerClass;
    }

    public String getName() {
        return name;
    }

    public String getDeclaringClass() {
        return declaringClass;
    }

    public String getMethodName() {
        return methodName;
    }

    public List<String> getParameterTypes() {
        return parameterTypes;
    }

    public int getInputIndex() {
        return inputIndex;
    }

    public int getContextIndex() {
        return contextIndex;
    }

    public boolean isAsync() {
        return async;
    }

    public String getInvokerClass() {
        return invokerClass;
    }
}
