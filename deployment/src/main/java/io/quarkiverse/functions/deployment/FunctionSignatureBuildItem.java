package io.quarkiverse.functions.deployment;

import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * One {@code @Funq} method whose signature passed validation.
 * <p>
 * Produced by {@link FunctionSignatureProcessor}; consumed by the invoker generation, native registration and any
 * binding or contract step that needs the function's types (for example, to build schemas).
 */
public final class FunctionSignatureBuildItem extends MultiBuildItem {

    private final String name;
    private final MethodInfo method;
    private final int inputIndex;
    private final int contextIndex;
    private final Type inputType;
    private final Type outputType;
    private final boolean async;

    FunctionSignatureBuildItem(String name, MethodInfo method, int inputIndex, int contextIndex, Type inputType,
            Type outputType, boolean async) {
        this.name = name;
        this.method = method;
        this.inputIndex = inputIndex;
        this.contextIndex = contextIndex;
        this.inputType = inputType;
        this.outputType = outputType;
        this.async = async;
    }

    /**
     * @return the function name: the {@code @Funq} value, or the method name
     */
    public String getName() {
        return name;
    }

    public MethodInfo getMethod() {
        return method;
    }

    /**
     * @return the position of the input parameter, or -1 when the function takes no input
     */
    public int getInputIndex() {
        return inputIndex;
    }

    /**
     * @return the position of the {@code @Context FunctionContext} parameter, or -1
     */
    public int getContextIndex() {
        return contextIndex;
    }

    /**
     * @return the input type, or {@code null} when the function takes no input
     */
    public Type getInputType() {
        return inputType;
    }

    /**
     * @return the output type, {@code Uni} unwrapped; {@code void} when the function returns nothing
     */
    public Type getOutputType() {
        return outputType;
    }

    /**
     * @return whether the method returns a {@code Uni}
     */
    public boolean isAsync() {
        return async;
    }
}
