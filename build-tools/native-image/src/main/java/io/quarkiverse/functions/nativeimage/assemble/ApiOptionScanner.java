package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

import io.quarkiverse.functions.nativeimage.driver.ApiOption;

/**
 * Reads the user-facing options of the image builder ({@code --no-fallback}, {@code --features=…}, {@code --gc=…})
 * from the {@code @APIOption} annotations on the builder's option fields, so that the driver translates them exactly
 * as the builder declares them. Runs once, when the toolchain is assembled; the driver reads the resulting table.
 */
public final class ApiOptionScanner {

    static final String API_OPTION = "Lcom/oracle/svm/core/option/APIOption;";
    static final String API_OPTION_LIST = "Lcom/oracle/svm/core/option/APIOption$List;";
    static final String NULL_GROUP = "com/oracle/svm/core/option/APIOption$NullGroup";
    static final String DEFAULT_TRANSFORMER = "com/oracle/svm/core/option/APIOption$DefaultTransformer";

    private final ClassIndex classes;

    public ApiOptionScanner(ClassIndex classes) {
        this.classes = classes;
    }

    public static List<ApiOption> scan(List<Path> builderJars) throws IOException {
        try (ClassIndex classes = ClassIndex.of(builderJars, false)) {
            return new ApiOptionScanner(classes).scan();
        }
    }

    public List<ApiOption> scan() {
        List<ApiOption> options = new ArrayList<>();
        for (ClassNode type : classes.all()) {
            for (FieldNode field : type.fields) {
                for (AnnotationNode annotation : apiOptions(field)) {
                    options.add(toOption(type, field, values(annotation)));
                }
            }
        }
        options.sort((a, b) -> a.variants().get(0).compareTo(b.variants().get(0)));
        return options;
    }

    private ApiOption toOption(ClassNode owner, FieldNode field, Map<String, Object> values) {
        String where = owner.name.replace('/', '.') + "." + field.name;
        boolean runtime = field.desc.contains("RuntimeOptionKey");
        boolean booleanOption = field.signature != null && field.signature.contains("<Ljava/lang/Boolean;>");
        String prefix = runtime ? "-R:" : "-H:";

        List<String> variants = strings(values.get("name"));
        if (variants.isEmpty()) {
            throw new IllegalStateException("@APIOption on " + where + " has no name");
        }
        String kind = enumValue(values.get("kind"), "Default");
        List<String> defaults = strings(values.get("defaultValue"));
        List<String> fixed = strings(values.get("fixedValue"));
        String separators = separators(values.get("valueSeparator"));
        String deprecated = (String) values.getOrDefault("deprecated", "");
        String elementFormat = null;
        for (Object transformer : list(values.get("valueTransformer"))) {
            String name = ((Type) transformer).getInternalName();
            if (!name.equals(DEFAULT_TRANSFORMER)) {
                elementFormat = elementFormat(classes.get(name), where);
            }
        }

        String groupPrefix = null;
        Type group = (Type) values.get("group");
        if (group != null && !group.getInternalName().equals(NULL_GROUP)) {
            ClassNode groupType = classes.get(group.getInternalName());
            String groupName = constantString(groupType, "name");
            char separator = (char) constantInt(groupType, "valueSeparator", '=');
            String multiValueOption = staticFieldReturned(groupType, "multiValueOption");
            if (multiValueOption != null) {
                // Any "--<group>=<values>" becomes "-H:<multi-value option>=<values>": one plain option stands for the group.
                return new ApiOption(List.of(groupName), null, String.valueOf(separator), "-H:" + multiValueOption + "=",
                        null, false, false, null, deprecated);
            }
            groupPrefix = ApiOption.optionName(groupName) + separator;
        }

        String builderOption;
        String defaultValue = null;
        boolean defaultFinal;
        if (booleanOption) {
            builderOption = prefix + ("Negated".equals(kind) ? "-" : "+") + field.name;
            defaultFinal = true;
        } else {
            builderOption = prefix + field.name + "=";
            defaultValue = !fixed.isEmpty() ? fixed.get(0) : defaults.isEmpty() ? null : defaults.get(0);
            defaultFinal = !fixed.isEmpty();
        }
        return new ApiOption(variants, groupPrefix, separators, builderOption, defaultValue, defaultFinal,
                "Paths".equals(kind), elementFormat, deprecated);
    }

    private static List<AnnotationNode> apiOptions(FieldNode field) {
        List<AnnotationNode> result = new ArrayList<>();
        for (List<AnnotationNode> annotations : List.of(nonNull(field.visibleAnnotations), nonNull(field.invisibleAnnotations))) {
            for (AnnotationNode annotation : annotations) {
                if (annotation.desc.equals(API_OPTION)) {
                    result.add(annotation);
                } else if (annotation.desc.equals(API_OPTION_LIST)) {
                    for (Object nested : list(values(annotation).get("value"))) {
                        result.add((AnnotationNode) nested);
                    }
                }
            }
        }
        return result;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static Map<String, Object> values(AnnotationNode annotation) {
        Map<String, Object> values = new HashMap<>();
        if (annotation.values != null) {
            for (int i = 0; i < annotation.values.size(); i += 2) {
                values.put((String) annotation.values.get(i), annotation.values.get(i + 1));
            }
        }
        return values;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        for (Object item : list(value)) {
            result.add((String) item);
        }
        return result;
    }

    private static String enumValue(Object value, String defaultValue) {
        return value == null ? defaultValue : ((String[]) value)[1];
    }

    private static String separators(Object value) {
        if (value == null) {
            return "=";
        }
        StringBuilder result = new StringBuilder();
        if (value instanceof char[] chars) {
            result.append(chars);
        } else {
            for (Object c : list(value)) {
                result.append((char) (Character) c);
            }
        }
        return result.toString();
    }

    /** The constant a method such as {@code String name() { return "gc"; }} returns. */
    private static String constantString(ClassNode type, String method) {
        for (MethodNode m : type.methods) {
            if (m.name.equals(method) && m.desc.startsWith("()")) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
                        return s;
                    }
                }
            }
        }
        throw new IllegalStateException(type.name + "." + method + "() does not return a constant string");
    }

    private static int constantInt(ClassNode type, String method, int inherited) {
        for (MethodNode m : type.methods) {
            if (m.name.equals(method) && m.desc.equals("()C")) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof IntInsnNode i && (i.getOpcode() == Opcodes.BIPUSH || i.getOpcode() == Opcodes.SIPUSH)) {
                        return i.operand;
                    }
                }
            }
        }
        return inherited;
    }

    /**
     * The value transformers the builder declares all prefix or suffix each comma-separated element of the value with a
     * constant ({@code -ea:a,b} gives {@code +a,+b}; {@code --initialize-at-run-time=a,b} gives
     * {@code a:run_time,b:run_time}): a subclass passes the constant to a parent with a {@code prefix} or {@code suffix}
     * field. This returns the element format, {@code "+{}"} or {@code "{}:run_time"}. Any other shape fails assembly.
     */
    private String elementFormat(ClassNode transformer, String where) {
        Object constant = null;
        for (MethodNode m : transformer.methods) {
            if (m.name.equals("<init>")) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof IntInsnNode i && i.getOpcode() == Opcodes.BIPUSH) {
                        constant = String.valueOf((char) i.operand);
                    } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String str) {
                        constant = str;
                    }
                }
            }
        }
        ClassNode parent = transformer.superName == null ? null : classes.get(transformer.superName);
        boolean splitsElements = parent != null && parent.methods.stream().anyMatch(m -> m.name.equals("apply") && containsLdc(m, ","));
        if (constant != null && splitsElements) {
            for (FieldNode field : parent.fields) {
                if (field.name.equals("prefix")) {
                    return constant + "{}";
                }
                if (field.name.equals("suffix")) {
                    return "{}" + constant;
                }
            }
        }
        throw new IllegalStateException("@APIOption on " + where + " uses value transformer " + transformer.name
                + ", which this driver does not implement");
    }

    private static boolean containsLdc(MethodNode method, String constant) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LdcInsnNode ldc && constant.equals(ldc.cst)) {
                return true;
            }
        }
        return false;
    }

    /** The static field a method such as {@code multiValueOption() { return SupportedGCs; }} returns; null if none. */
    private static String staticFieldReturned(ClassNode type, String method) {
        for (MethodNode m : type.methods) {
            if (m.name.equals(method)) {
                for (AbstractInsnNode insn : m.instructions) {
                    if (insn instanceof FieldInsnNode f && f.getOpcode() == Opcodes.GETSTATIC) {
                        return f.name;
                    }
                }
            }
        }
        return null;
    }
}
