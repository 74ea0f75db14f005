package io.quarkiverse.functions.nativeimage.assemble;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Reads, from the builder jars, what the C helper libraries must provide: the {@code @CFunction}s of the libraries
 * {@code libchelper}, {@code jvm} and {@code svm_container}, and for each header the builder looks up in the C helper
 * project ({@code include/amd64cpufeatures.h} …), the {@code @CStruct} layouts and {@code @CConstant}s it must define.
 * {@link HeaderWriter} turns this into C headers, so the C sources are compiled against signatures taken from the
 * Java side, never written by hand.
 */
public final class CInterfaceScanner {

    /** The C libraries this toolchain implements. */
    public static final Set<String> OWN_LIBRARIES = Set.of("libchelper", "jvm", "svm_container");
    /** Only Linux on x86-64 is built; other platforms' declarations are left out. */
    static final List<String> OTHER_PLATFORMS = List.of("/aarch64/", "/riscv64/", "/windows/", "/darwin/");

    static final String C_CONTEXT = "Lorg/graalvm/nativeimage/c/CContext;";
    static final String C_LIBRARY = "Lorg/graalvm/nativeimage/c/function/CLibrary;";
    static final String C_FUNCTION = "Lorg/graalvm/nativeimage/c/function/CFunction;";
    static final String C_STRUCT = "Lorg/graalvm/nativeimage/c/struct/CStruct;";
    static final String C_FIELD = "Lorg/graalvm/nativeimage/c/struct/CField;";
    static final String C_CONSTANT = "Lorg/graalvm/nativeimage/c/constant/CConstant;";
    static final String DIRECTIVES = "org/graalvm/nativeimage/c/CContext$Directives";
    static final String PROJECT_HEADER_FILE = "com/oracle/svm/core/c/ProjectHeaderFile";

    public record CFunction(String library, String name, Type returnType, Type[] parameterTypes, String owner) {
    }

    public record CStruct(String header, String name, String javaType, Map<String, Type> fields) {
    }

    public record CConstant(String header, String name) {
    }

    /**
     * @param headers every header the builder resolves (it resolves those of other platforms too)
     * @param platformHeaders those of Linux on x86-64, which the C sources include
     * @param functions the functions of this toolchain's libraries
     * @param withoutLibrary the names of functions declared without a library: the C library's, or this toolchain's
     */
    public record Model(List<String> headers, List<String> platformHeaders, List<CFunction> functions, List<CStruct> structs,
            List<CConstant> constants, Set<String> withoutLibrary) {
    }

    private final ClassIndex classes;
    private final Map<String, String> contextOf = new HashMap<>();
    private final Map<String, String> libraryOf = new HashMap<>();
    private final Map<String, String> outerOf = new HashMap<>();

    public CInterfaceScanner(ClassIndex classes) {
        this.classes = classes;
    }

    public Model scan() {
        List<ClassNode> all = new ArrayList<>();
        Map<String, String> headerOfDirectives = new LinkedHashMap<>();
        for (ClassNode type : classes.all()) {
            all.add(type);
            String outer = type.outerClass != null ? type.outerClass
                    : type.name.contains("$") ? type.name.substring(0, type.name.lastIndexOf('$')) : null;
            outerOf.put(type.name, outer);
            for (AnnotationNode annotation : annotations(type.visibleAnnotations, type.invisibleAnnotations)) {
                if (annotation.desc.equals(C_CONTEXT)) {
                    contextOf.put(type.name, ((Type) ApiOptionScanner.values(annotation).get("value")).getInternalName());
                } else if (annotation.desc.equals(C_LIBRARY)) {
                    libraryOf.put(type.name, (String) ApiOptionScanner.values(annotation).get("value"));
                }
            }
            if (type.interfaces.contains(DIRECTIVES)) {
                String header = projectHeader(classes.get(type.name));
                if (header != null) {
                    headerOfDirectives.put(type.name, header);
                }
            }
        }

        List<CFunction> functions = new ArrayList<>();
        List<CStruct> structs = new ArrayList<>();
        List<CConstant> constants = new ArrayList<>();
        Set<String> withoutLibrary = new java.util.TreeSet<>();
        for (ClassNode type : all) {
            boolean otherPlatform = otherPlatform(type.name);
            String library = otherPlatform ? null : inherited(type.name, libraryOf);
            String header = headerOfDirectives.get(inherited(type.name, contextOf));
            boolean struct = false;
            String structName = null;
            for (AnnotationNode annotation : annotations(type.visibleAnnotations, type.invisibleAnnotations)) {
                if (annotation.desc.equals(C_STRUCT)) {
                    struct = true;
                    Object value = ApiOptionScanner.values(annotation).get("value");
                    structName = value == null || value.equals("") ? type.name.substring(type.name.lastIndexOf('$') + 1) : (String) value;
                }
            }
            Map<String, Type> fields = new LinkedHashMap<>();
            for (MethodNode method : type.methods) {
                String methodLibrary = library;
                for (AnnotationNode annotation : annotations(method.visibleAnnotations, method.invisibleAnnotations)) {
                    if (annotation.desc.equals(C_LIBRARY)) {
                        methodLibrary = (String) ApiOptionScanner.values(annotation).get("value");
                    }
                }
                for (AnnotationNode annotation : annotations(method.visibleAnnotations, method.invisibleAnnotations)) {
                    if (!annotation.desc.equals(C_FUNCTION) && !annotation.desc.equals(C_FIELD) && !annotation.desc.equals(C_CONSTANT)) {
                        continue;
                    }
                    Object value = ApiOptionScanner.values(annotation).get("value");
                    String cName = value == null || value.equals("") ? method.name : (String) value;
                    if (annotation.desc.equals(C_FUNCTION) && methodLibrary != null && OWN_LIBRARIES.contains(methodLibrary)) {
                        functions.add(new CFunction(methodLibrary, cName, Type.getReturnType(method.desc),
                                Type.getArgumentTypes(method.desc), type.name));
                    } else if (annotation.desc.equals(C_FUNCTION) && methodLibrary == null && !otherPlatform) {
                        withoutLibrary.add(cName);
                    } else if (annotation.desc.equals(C_FIELD) && struct && header != null) {
                        Type methodType = Type.getMethodType(method.desc);
                        fields.putIfAbsent(cName, methodType.getArgumentTypes().length == 0 ? methodType.getReturnType()
                                : methodType.getArgumentTypes()[0]);
                    } else if (annotation.desc.equals(C_CONSTANT) && header != null) {
                        constants.add(new CConstant(header, cName));
                    }
                }
            }
            if (struct && header != null) {
                structs.add(new CStruct(header, structName, type.name, fields));
            }
        }
        functions.sort((a, b) -> (a.library() + a.name()).compareTo(b.library() + b.name()));
        List<String> platformHeaders = new ArrayList<>();
        headerOfDirectives.forEach((directives, header) -> {
            if (!otherPlatform(directives) && !platformHeaders.contains(header)) {
                platformHeaders.add(header);
            }
        });
        return new Model(List.copyOf(new java.util.LinkedHashSet<>(headerOfDirectives.values())), platformHeaders, functions, structs,
                constants, withoutLibrary);
    }

    private static boolean otherPlatform(String type) {
        return OTHER_PLATFORMS.stream().anyMatch(type::contains);
    }

    /** The header a directives class resolves in the C helper project: {@code resolve("…libchelper", "include/x.h")}. */
    private static String projectHeader(ClassNode directives) {
        for (MethodNode method : directives.methods) {
            String last = null;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
                    last = s;
                } else if (insn instanceof MethodInsnNode call && call.owner.equals(PROJECT_HEADER_FILE)
                        && call.name.equals("resolve") && last != null) {
                    return last.substring(last.lastIndexOf('/') + 1);
                }
            }
        }
        return null;
    }

    private String inherited(String type, Map<String, String> direct) {
        for (String t = type; t != null; t = outerOf.get(t)) {
            String value = direct.get(t);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<AnnotationNode> annotations(List<AnnotationNode> visible, List<AnnotationNode> invisible) {
        List<AnnotationNode> result = new ArrayList<>();
        if (visible != null) {
            result.addAll(visible);
        }
        if (invisible != null) {
            result.addAll(invisible);
        }
        return result;
    }
}
