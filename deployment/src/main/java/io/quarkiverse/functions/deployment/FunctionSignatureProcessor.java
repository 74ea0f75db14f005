package io.quarkiverse.functions.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;

/**
 * Checks every {@code @Funq} method at build time, so that a wrong signature fails the build with a message that names
 * the method and the fix, instead of failing at cold start or on the first request.
 */
class FunctionSignatureProcessor {

    @BuildStep
    FunctionSignaturesValidatedBuildItem validateSignatures(CombinedIndexBuildItem combinedIndex,
            BuildProducer<FunctionSignatureBuildItem> signatures) {
        IndexView index = combinedIndex.getIndex();
        List<String> problems = new ArrayList<>();
        Map<String, MethodInfo> byName = new LinkedHashMap<>();
        List<FunctionSignatureBuildItem> valid = new ArrayList<>();

        for (AnnotationInstance funq : index.getAnnotations(FunctionsDotNames.FUNQ)) {
            if (funq.target().kind() != AnnotationTarget.Kind.METHOD) {
                continue;
            }
            MethodInfo method = funq.target().asMethod();
            String name = funq.value() == null || funq.value().asString().isEmpty() ? method.name() : funq.value().asString();
            int problemsBefore = problems.size();

            if (!isValidName(name)) {
                problems.add("@Funq method " + describe(method) + " defines function '" + name + "', which is not a valid"
                        + " function name: it becomes a URL path segment, a configuration key and a Lambda handler name."
                        + " Fix: use only letters, digits, '-', '_' and '.', for example @Funq(\"place-order\").");
            }
            MethodInfo other = byName.putIfAbsent(name, method);
            if (other != null) {
                problems.add("@Funq methods " + describe(other) + " and " + describe(method) + " both define function '"
                        + name + "'. Fix: give one of them another name with @Funq(\"other-name\").");
            }
            if (!Modifier.isPublic(method.flags())) {
                problems.add("@Funq method " + describe(method) + " is not public. Fix: declare it public.");
            }
            if (Modifier.isStatic(method.flags())) {
                problems.add("@Funq method " + describe(method)
                        + " is static. Fix: make it an instance method of a CDI bean (drop 'static').");
            }

            int inputIndex = -1;
            int contextIndex = -1;
            List<Integer> inputs = new ArrayList<>();
            for (MethodParameterInfo parameter : method.parameters()) {
                if (parameter.hasAnnotation(FunctionsDotNames.CONTEXT)) {
                    if (!parameter.type().name().equals(FunctionsDotNames.FUNCTION_CONTEXT)) {
                        problems.add("@Funq method " + describe(method) + " has a @Context parameter of type "
                                + parameter.type() + ". Fix: declare it as @Context " + FunctionsDotNames.FUNCTION_CONTEXT
                                + " and reach platform objects with FunctionContext.unwrap(Class).");
                    }
                    contextIndex = parameter.position();
                } else {
                    inputs.add((int) parameter.position());
                }
            }
            if (inputs.size() > 1) {
                problems.add("@Funq method " + describe(method) + " declares " + inputs.size()
                        + " input parameters; a function takes at most one (plus @Context parameters)."
                        + " Fix: wrap the inputs in one type, for example a record with one component per value.");
            } else if (inputs.size() == 1) {
                inputIndex = inputs.get(0);
            }

            Type inputType = inputIndex >= 0 ? method.parameterType(inputIndex) : null;
            if (inputType != null) {
                String unsound = unsoundType(inputType, index);
                if (unsound != null) {
                    problems.add("@Funq method " + describe(method) + " takes input of type " + inputType
                            + ", which cannot be read from JSON: " + unsound + ". Fix: use a concrete type, such as a record,"
                            + " or com.fasterxml.jackson.databind.JsonNode for free-form JSON.");
                }
            }

            Type returnType = method.returnType();
            boolean async = false;
            Type outputType = returnType;
            if (returnType.name().equals(FunctionsDotNames.UNI)) {
                async = true;
                if (returnType.kind() != Type.Kind.PARAMETERIZED_TYPE) {
                    problems.add("@Funq method " + describe(method) + " returns a raw Uni. Fix: declare the item type,"
                            + " for example Uni<Greeting>, or Uni<Void> for no result.");
                    outputType = null;
                } else {
                    outputType = returnType.asParameterizedType().arguments().get(0);
                }
            } else if (returnType.name().equals(FunctionsDotNames.MULTI)
                    || returnType.name().equals(FunctionsDotNames.COMPLETION_STAGE)
                    || returnType.name().equals(FunctionsDotNames.COMPLETABLE_FUTURE)) {
                problems.add("@Funq method " + describe(method) + " returns " + returnType.name()
                        + ", which functions do not support. Fix: return the value, or Uni<T> for an asynchronous result.");
                outputType = null;
            }
            if (outputType != null && outputType.kind() != Type.Kind.VOID && !outputType.name().equals(FunctionsDotNames.VOID)) {
                String unsound = unsoundType(outputType, index);
                if (unsound != null) {
                    problems.add("@Funq method " + describe(method) + " returns " + returnType
                            + ", which cannot be written as JSON: " + unsound + ". Fix: return a concrete type, such as a"
                            + " record, or com.fasterxml.jackson.databind.JsonNode for free-form JSON.");
                }
            }

            if (problems.size() == problemsBefore) {
                valid.add(new FunctionSignatureBuildItem(name, method, inputIndex, contextIndex, inputType, outputType,
                        async));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid @Funq functions:\n  - " + String.join("\n  - ", problems));
        }
        for (FunctionSignatureBuildItem signature : valid) {
            signatures.produce(signature);
        }
        return new FunctionSignaturesValidatedBuildItem();
    }

    static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    static String describe(MethodInfo method) {
        StringBuilder out = new StringBuilder(method.declaringClass().name().toString()).append('#')
                .append(method.name()).append('(');
        for (int i = 0; i < method.parametersCount(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(method.parameterType(i).name().withoutPackagePrefix());
        }
        return out.append(')').toString();
    }

    /**
     * @return why the type has no sound JSON form, or {@code null} when it has one
     */
    static String unsoundType(Type type, IndexView index) {
        switch (type.kind()) {
            case PRIMITIVE:
            case VOID:
                return null;
            case ARRAY:
                return unsoundType(type.asArrayType().constituent(), index);
            case WILDCARD_TYPE:
                return "it uses the wildcard " + type;
            case TYPE_VARIABLE:
            case UNRESOLVED_TYPE_VARIABLE:
            case TYPE_VARIABLE_REFERENCE:
                return "it uses the type variable " + type;
            case PARAMETERIZED_TYPE:
                for (Type argument : type.asParameterizedType().arguments()) {
                    String unsound = unsoundType(argument, index);
                    if (unsound != null) {
                        return unsound;
                    }
                }
                return null;
            case CLASS:
                if (type.name().equals(FunctionsDotNames.OBJECT)) {
                    return "java.lang.Object says nothing about the shape of the JSON";
                }
                if (isGeneric(type, index)) {
                    return "the raw type " + type.name() + " has no type arguments";
                }
                return null;
            default:
                return "its kind " + type.kind() + " is not supported";
        }
    }

    private static boolean isGeneric(Type type, IndexView index) {
        ClassInfo clazz = index.getClassByName(type.name());
        if (clazz != null) {
            return !clazz.typeParameters().isEmpty();
        }
        try {
            Class<?> loaded = Class.forName(type.name().toString(), false, Thread.currentThread().getContextClassLoader());
            return loaded.getTypeParameters().length > 0;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
