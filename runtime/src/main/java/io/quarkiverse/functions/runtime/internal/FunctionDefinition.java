package io.quarkiverse.functions.runtime.internal;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.quarkiverse.functions.Idempotent;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkus.arc.InstanceHandle;

/**
 * One function, ready to call: everything that can be resolved before the first invocation is resolved here, at
 * static init (the method, the bean, the JSON reader and writer, the validator).
 */
public final class FunctionDefinition {

    final String name;
    final MethodInvoker invoker;
    final Supplier<InstanceHandle<Object>> beans;
    final boolean dependentBean;
    final int parameterCount;
    final int inputIndex;
    final int contextIndex;
    final boolean async;
    final ObjectReader reader;
    /** Reads inputs made of query parameters, whose values are all strings. */
    final ObjectReader queryReader;
    final ObjectWriter writer;
    final InputValidator validator;
    /** How the input is read from a payload: JSON, or as is for a {@code String} or {@code byte[]} input. */
    final PayloadType inputType;
    /** How the result is written: JSON, or as is for a {@code String} or {@code byte[]} result. */
    final PayloadType outputType;
    /** The key of {@code @Idempotent} ({@code ""} for the delivery identity), or {@code null} when not annotated. */
    final String idempotentKey;
    final boolean idempotentKeyRequired;

    FunctionDefinition(String name, MethodInvoker invoker, Supplier<InstanceHandle<Object>> beans, boolean dependentBean,
            int parameterCount, int inputIndex, int contextIndex, boolean async, ObjectReader reader, ObjectReader queryReader,
            ObjectWriter writer, InputValidator validator, PayloadType inputType, PayloadType outputType,
            Idempotent idempotent) {
        this.name = name;
        this.invoker = invoker;
        this.beans = beans;
        this.dependentBean = dependentBean;
        this.parameterCount = parameterCount;
        this.inputIndex = inputIndex;
        this.contextIndex = contextIndex;
        this.async = async;
        this.reader = reader;
        this.queryReader = queryReader;
        this.writer = writer;
        this.validator = validator;
        this.inputType = inputType;
        this.outputType = outputType;
        this.idempotentKey = idempotent == null ? null : idempotent.key();
        this.idempotentKeyRequired = idempotent != null && idempotent.keyRequired();
    }

    public String name() {
        return name;
    }

    public boolean hasInput() {
        return inputIndex >= 0;
    }

    public boolean hasOutput() {
        return writer != null;
    }

    public PayloadType inputType() {
        return inputType;
    }

    public PayloadType outputType() {
        return outputType;
    }

    public boolean isAsync() {
        return async;
    }
}
