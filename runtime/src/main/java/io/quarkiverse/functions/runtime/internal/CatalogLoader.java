package io.quarkiverse.functions.runtime.internal;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkiverse.functions.Idempotent;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;

/**
 * Resolves each recorded {@link FunctionSpec} into a {@link FunctionDefinition}. Runs at static init, so in native
 * mode this work (and the reflection it uses) happens while the image is built, not at start-up.
 */
public final class CatalogLoader {

    private CatalogLoader() {
    }

    /**
     * @param validator the Bean Validation validator, or {@code null} when the application has none
     */
    public static void load(FunctionCatalog catalog, List<FunctionSpec> specs, ObjectMapper mapper, Validator validator) {
        ArcContainer container = Arc.container();
        List<FunctionDefinition> definitions = new ArrayList<>(specs.size());
        ObjectMapper strict = strict(mapper);
        for (FunctionSpec spec : specs) {
            definitions.add(define(container, spec, mapper, strict, validator));
        }
        catalog.init(definitions);
    }

    /**
     * The reader of JSON inputs accepts what the generated JSON Schema accepts, and nothing more: no coercion between
     * strings, numbers and booleans, no fractions for integers, no numbers for enums, no null or missing value for a
     * primitive (and, checked by {@link InputDecoder}, nothing but whitespace after the document). The application's own mapper (its modules, naming, unknown-property handling) is otherwise kept.
     */
    static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Enum }) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        strict.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        strict.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        return strict;
    }

    @SuppressWarnings("unchecked")
    private static FunctionDefinition define(ArcContainer container, FunctionSpec spec, ObjectMapper mapper,
            ObjectMapper strict, Validator validator) {
        String what = "function '" + spec.getName() + "' (" + spec.getDeclaringClass() + "#" + spec.getMethodName() + ")";
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> beanClass = Class.forName(spec.getDeclaringClass(), false, loader);
            Method method = find(beanClass, spec);
            MethodInvoker invoker = (MethodInvoker) Class.forName(spec.getInvokerClass(), true, loader)
                    .getDeclaredConstructor().newInstance();

            ObjectReader reader = null;
            ObjectReader queryReader = null;
            PayloadType inputType = PayloadType.JSON;
            InputValidator inputValidator = null;
            if (spec.getInputIndex() >= 0) {
                Type inputJavaType = method.getGenericParameterTypes()[spec.getInputIndex()];
                inputType = PayloadType.of(inputJavaType);
                JavaType javaType = mapper.getTypeFactory().constructType(inputJavaType);
                reader = strict.readerFor(javaType);
                // query parameters are strings: converting them to the field types is their only reading
                queryReader = mapper.readerFor(javaType).with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
                if (validator != null) {
                    boolean elements = javaType.isCollectionLikeType();
                    Class<?> validated = elements ? javaType.getContentType().getRawClass() : javaType.getRawClass();
                    inputValidator = InputValidator.forType(validator, validated, elements);
                }
            }

            Type outputType = method.getGenericReturnType();
            if (spec.isAsync()) {
                outputType = ((ParameterizedType) outputType).getActualTypeArguments()[0];
            }
            ObjectWriter writer = null;
            if (outputType != void.class && outputType != Void.class) {
                writer = mapper.writerFor(mapper.getTypeFactory().constructType(outputType));
            }

            InstanceHandle<Object> probe = (InstanceHandle<Object>) container.instance(beanClass);
            if (!probe.isAvailable()) {
                throw new IllegalStateException("no CDI bean of type " + beanClass.getName() + " is available");
            }
            boolean dependent = probe.getBean().getScope() == Dependent.class;
            if (dependent) {
                probe.destroy();
            }
            return new FunctionDefinition(spec.getName(), invoker,
                    (java.util.function.Supplier<InstanceHandle<Object>>) (Object) container.beanInstanceSupplier(beanClass),
                    dependent, method.getParameterCount(), spec.getInputIndex(), spec.getContextIndex(), spec.isAsync(),
                    reader, queryReader, writer, inputValidator, inputType, PayloadType.of(outputType),
                    method.getAnnotation(Idempotent.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Preparing " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static Method find(Class<?> beanClass, FunctionSpec spec) throws NoSuchMethodException {
        Collection<String> wanted = spec.getParameterTypes();
        for (Method method : beanClass.getMethods()) {
            if (method.getName().equals(spec.getMethodName()) && method.getParameterCount() == wanted.size()) {
                List<String> actual = new ArrayList<>();
                for (Class<?> type : method.getParameterTypes()) {
                    actual.add(type.getName());
                }
                if (actual.equals(wanted)) {
                    return method;
                }
            }
        }
        throw new NoSuchMethodException(spec.getMethodName() + wanted);
    }
}
