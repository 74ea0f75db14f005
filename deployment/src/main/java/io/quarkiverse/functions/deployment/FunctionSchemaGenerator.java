package io.quarkiverse.functions.deployment;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.classmate.ResolvedType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

/**
 * Turns Java types into JSON Schema 2020-12 with victools' generator, configured so that the schema states what the
 * runtime enforces: Jackson's view of the type (property names, ignored properties, inclusion, enums) and the Bean
 * Validation constraints that Hibernate Validator checks on the decoded input.
 * <p>
 * Used at build time only. Types without a sound schema, and constraints that would be stated but not enforced, are
 * collected as problems that fail the build.
 */
final class FunctionSchemaGenerator {

    static final String COMPONENTS = "components/schemas";
    /** {@link String#trim()}, which {@code @NotBlank} uses, strips every character up to U+0020. */
    static final String NOT_BLANK_PATTERN = "[^\\u0000-\\u0020]";
    /** What Jackson writes and reads for a {@code LocalDateTime}: an ISO date-time without offset. */
    static final String LOCAL_DATE_TIME_PATTERN = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?$";

    private static final Set<Class<? extends Annotation>> STATED = Set.of(AssertFalse.class, AssertTrue.class,
            DecimalMax.class, DecimalMin.class, Email.class, Max.class, Min.class, Negative.class, NegativeOrZero.class,
            NotBlank.class, NotEmpty.class, Null.class, NotNull.class, Pattern.class, Positive.class, PositiveOrZero.class,
            Size.class);

    private final Set<String> problems = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    /** What is being generated, for messages: "input of function 'x' (Class#method)". */
    private String subject = "";
    /** Whether the current type is an input: only inputs are validated, so only they need the cascade checks. */
    private boolean input;

    /** The application mapper's naming strategy ({@code quarkus.jackson.property-naming-strategy}), or null. */
    private final PropertyNamingStrategies.NamingBase naming;
    private final SchemaGenerator generator;

    /**
     * @param namingStrategy the value of {@code quarkus.jackson.property-naming-strategy}, if set
     */
    FunctionSchemaGenerator(Optional<String> namingStrategy) {
        this.naming = namingStrategy.map(FunctionSchemaGenerator::naming).orElse(null);
        this.generator = new SchemaGenerator(config().build());
    }

    /**
     * @return the standalone JSON Schema document of {@code type}
     */
    ObjectNode document(Type type, String subject, boolean input) {
        this.subject = subject;
        this.input = input;
        if (input) {
            checkRoot(type);
        }
        return generator.generateSchema(type);
    }

    /**
     * Schemas that reference shared definitions, for an OpenAPI document.
     */
    final class Shared {
        private final SchemaBuilder builder = generator.buildMultipleSchemaDefinitions();

        ObjectNode reference(Type type, String subject) {
            FunctionSchemaGenerator.this.subject = subject;
            FunctionSchemaGenerator.this.input = false;
            return builder.createSchemaReference(type);
        }

        /**
         * @return the named definitions; call once, after every {@link #reference}
         */
        ObjectNode definitions() {
            return builder.collectDefinitions(COMPONENTS);
        }
    }

    Shared shared() {
        return new Shared();
    }

    Set<String> problems() {
        return problems;
    }

    List<String> warnings() {
        return warnings;
    }

    private SchemaGeneratorConfigBuilder config() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.PLAIN_DEFINITION_KEYS, Option.INLINE_NULLABLE_SCHEMAS,
                        // int32 and int64: the ranges Jackson accepts for int and long
                        Option.EXTRA_OPEN_API_FORMAT_VALUES,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
                        // Jackson accepts null for any reference type: say so, unless a constraint forbids it.
                        Option.NULLABLE_FIELDS_BY_DEFAULT, Option.NULLABLE_ARRAY_ITEMS_ALLOWED)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.RESPECT_JSONPROPERTY_ORDER,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.NOT_NULLABLE_METHOD_IS_REQUIRED));

        builder.forTypesInGeneral().withCustomDefinitionProvider(FunctionSchemaGenerator::customDefinition)
                .withCustomDefinitionProvider(new InlineMaps());
        builder.forFields()
                .withNullableCheck(FunctionSchemaGenerator::nullable)
                // The invoker reads with FAIL_ON_NULL_FOR_PRIMITIVES: a record's primitive component must be present.
                .withRequiredCheck(field -> !field.isFakeContainerItemScope() && field.getType().isPrimitive()
                        && field.getDeclaringType().getErasedType().isRecord())
                .withStringPatternResolver(this::pattern)
                // after the Jackson module's @JsonProperty and @JsonNaming: the application's global strategy
                .withPropertyNameOverrideResolver(
                        field -> naming == null || field.isFakeContainerItemScope() ? null : naming.translate(field.getDeclaredName()))
                .withInstanceAttributeOverride(this::check);
        return builder;
    }

    /**
     * A constant of {@link PropertyNamingStrategies} (as quarkus-jackson accepts it) or a class name.
     */
    static PropertyNamingStrategies.NamingBase naming(String value) {
        try {
            Object strategy;
            try {
                strategy = PropertyNamingStrategies.class.getField(value).get(null);
            } catch (NoSuchFieldException e) {
                strategy = Class.forName(value, true, Thread.currentThread().getContextClassLoader())
                        .getDeclaredConstructor().newInstance();
            }
            if (strategy instanceof PropertyNamingStrategies.NamingBase base) {
                return base;
            }
            throw new IllegalStateException("quarkus.jackson.property-naming-strategy=" + value + " is not a"
                    + " PropertyNamingStrategies.NamingBase, so the JSON Schema cannot follow it. Fix: extend NamingBase.");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Reading quarkus.jackson.property-naming-strategy=" + value
                    + " to name the JSON Schema properties failed", e);
        }
    }

    /**
     * JSON trees are free-form; {@code LocalDateTime} has no offset, so it is not a standard {@code date-time}.
     */
    private static CustomDefinition customDefinition(ResolvedType type, SchemaGenerationContext context) {
        Class<?> erased = type.getErasedType();
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        if (erased == java.time.LocalDateTime.class) {
            schema.put("type", "string").put("pattern", LOCAL_DATE_TIME_PATTERN);
            return new CustomDefinition(schema, true);
        }
        if (JsonNode.class.isAssignableFrom(erased)) {
            if (com.fasterxml.jackson.databind.node.ObjectNode.class.isAssignableFrom(erased)) {
                schema.put("type", "object");
            } else if (ArrayNode.class.isAssignableFrom(erased)) {
                schema.put("type", "array");
            }
            return new CustomDefinition(schema, true);
        }
        return null;
    }

    /**
     * A map is a JSON object without a name of its own: defined in place rather than as a shared definition.
     */
    private static final class InlineMaps implements CustomDefinitionProviderV2 {
        @Override
        public CustomDefinition provideCustomSchemaDefinition(ResolvedType type, SchemaGenerationContext context) {
            if (!type.isInstanceOf(Map.class)) {
                return null;
            }
            return new CustomDefinition(context.createStandardDefinition(type, this), true);
        }
    }

    private static Boolean nullable(FieldScope field) {
        if (field.getType() != null && field.getType().isPrimitive()) {
            return false;
        }
        if (field.isFakeContainerItemScope()) {
            // Jackson accepts a null element; List<@NotNull String> makes Bean Validation reject it
            return field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(NotNull.class) == null
                    && field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(NotBlank.class) == null
                    && field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(NotEmpty.class) == null;
        }
        JsonInclude include = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
        if (include == null) {
            include = field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
        }
        if (include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS) {
            // never written as null
            return false;
        }
        return null;
    }

    /**
     * Bean Validation matches {@code @Pattern} against the whole value; JSON Schema's {@code pattern} searches, so it is
     * anchored. {@code @NotBlank} becomes "has a character after trimming".
     */
    private String pattern(FieldScope field) {
        if (field.getType() == null || !field.getType().isInstanceOf(CharSequence.class)) {
            return null;
        }
        Pattern pattern = constraint(field, Pattern.class);
        Email email = constraint(field, Email.class);
        String regexp = null;
        if (pattern != null) {
            if (pattern.flags().length > 0) {
                problems.add(subject + ": field '" + field.getDeclaredName() + "' of " + field.getDeclaringType().getErasedType()
                        .getName() + " has @Pattern flags " + List.of(pattern.flags())
                        + ", which a JSON Schema pattern cannot state. Fix: write them into the expression, for example"
                        + " [Aa] instead of CASE_INSENSITIVE.");
            }
            regexp = pattern.regexp();
        } else if (email != null && !".*".equals(email.regexp())) {
            regexp = email.regexp();
        }
        boolean notBlank = constraint(field, NotBlank.class) != null;
        if (regexp != null && notBlank) {
            return "^(?=[\\s\\S]*" + NOT_BLANK_PATTERN + ")(?:" + regexp + ")$";
        }
        if (regexp != null) {
            return "^(?:" + regexp + ")$";
        }
        return notBlank ? NOT_BLANK_PATTERN : null;
    }

    private static <A extends Annotation> A constraint(FieldScope field, Class<A> type) {
        if (field.isFakeContainerItemScope()) {
            return field.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(type);
        }
        return field.getAnnotationConsideringFieldAndGetter(type);
    }

    /**
     * Build-time checks on each property: no {@code Object}, and every constraint stated in the schema is enforced.
     */
    private void check(ObjectNode attributes, FieldScope field, SchemaGenerationContext context) {
        String where = "field '" + field.getDeclaredName() + "' of " + field.getDeclaringType().getErasedType().getName();
        ResolvedType type = field.getType();
        if (type == null) {
            return;
        }
        if (type.getErasedType() == Object.class) {
            problems.add(subject + ": " + where + (field.isFakeContainerItemScope() ? " has elements of type" : " has type")
                    + " java.lang.Object (or an unresolved type variable or wildcard), which says nothing about the shape"
                    + " of the JSON. Fix: give it a concrete type, such as a record, or"
                    + " com.fasterxml.jackson.databind.JsonNode for free-form JSON.");
            return;
        }
        if (type.isInstanceOf(Map.class)) {
            ResolvedType values = field.getTypeParameterFor(Map.class, 1);
            if (values == null || values.getErasedType() == Object.class) {
                problems.add(subject + ": " + where + " is a map with values of type java.lang.Object, which says nothing"
                        + " about the shape of the JSON. Fix: declare the value type, for example Map<String, String>, or"
                        + " use com.fasterxml.jackson.databind.JsonNode for free-form JSON.");
            }
        }
        if (!input || field.isFakeContainerItemScope()) {
            return;
        }
        for (Annotation annotation : annotations(field)) {
            Class<? extends Annotation> annotationType = annotation.annotationType();
            if (annotationType.isAnnotationPresent(Constraint.class) && !STATED.contains(annotationType)) {
                warnings.add(subject + ": " + where + " has @" + annotationType.getSimpleName()
                        + ", which the schema cannot state: it is enforced at run time only.");
            }
        }
        Class<?> nested = type.isInstanceOf(Collection.class) || type.isArray()
                ? erasure(field.getContainerItemType())
                : type.isInstanceOf(Map.class) ? erasure(field.getTypeParameterFor(Map.class, 1))
                        : type.getErasedType();
        if (nested != null && constrained(nested, new LinkedHashSet<>())
                && field.getAnnotationConsideringFieldAndGetter(Valid.class) == null
                && field.getContainerItemAnnotationConsideringFieldAndGetter(Valid.class) == null) {
            problems.add(subject + ": " + where + " holds " + nested.getName() + ", whose constraints Bean Validation"
                    + " only checks with @Valid; the schema would state them but they would not be enforced. Fix: annotate"
                    + " the field with @Valid.");
        }
    }

    /**
     * The input itself is validated (a collection element by element); a map or an array is not.
     */
    private void checkRoot(Type type) {
        Class<?> root = type instanceof Class<?> c ? c : null;
        if (type instanceof java.lang.reflect.ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw) && arguments.length == 2 && arguments[1] instanceof Class<?> value
                    && constrained(value, new LinkedHashSet<>())) {
                problems.add(subject + " is a map of " + value.getName() + ", whose constraints would not be checked."
                        + " Fix: take a List, or a record that holds the map in a field annotated with @Valid.");
            }
        } else if (root != null && root.isArray() && constrained(root.getComponentType(), new LinkedHashSet<>())) {
            problems.add(subject + " is an array of " + root.getComponentType().getName() + ", whose constraints would"
                    + " not be checked. Fix: take a List instead.");
        }
    }

    private static Class<?> erasure(ResolvedType type) {
        return type == null ? null : type.getErasedType();
    }

    private static List<Annotation> annotations(FieldScope field) {
        List<Annotation> all = new ArrayList<>(List.of(field.getRawMember().getAnnotations()));
        MemberScope<?, ?> getter = field.findGetter();
        if (getter != null) {
            all.addAll(List.of(((Method) getter.getRawMember()).getAnnotations()));
        }
        return all;
    }

    /**
     * @return whether Bean Validation would find constraints on the type's properties (which need {@code @Valid} to be
     *         checked when the type is nested)
     */
    static boolean constrained(Class<?> type, Set<Class<?>> seen) {
        if (type == null || type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")
                || type.getName().startsWith("com.fasterxml.") || !seen.add(type)) {
            return false;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                if (hasConstraint(field.getAnnotations()) || hasConstraint(field.getAnnotatedType().getAnnotations())
                        || field.isAnnotationPresent(Valid.class)) {
                    return true;
                }
            }
            for (Method method : current.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 0
                        && hasConstraint(method.getAnnotations())) {
                    return true;
                }
            }
            if (hasConstraint(current.getAnnotations())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasConstraint(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                return true;
            }
        }
        return false;
    }
}
