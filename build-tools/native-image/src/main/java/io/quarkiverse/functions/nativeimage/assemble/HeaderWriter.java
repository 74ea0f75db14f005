package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.objectweb.asm.Type;

import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.CConstant;
import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.CFunction;
import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.CStruct;
import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.Model;

/**
 * Writes the headers of the C helper project: one per header the builder resolves (struct layouts and constants its C
 * queries read), and {@code svm_cinterface.h} with a prototype for every C function the builder calls in this
 * toolchain's libraries. The C sources include the latter, so a signature that drifts from svm.jar fails to compile.
 */
public final class HeaderWriter {

    /** The constants' values are this toolchain's own protocol between its C code and the builder's Java side. */
    private final Map<String, Integer> constantValues = new HashMap<>();

    public void write(Model model, Path includeDir) throws IOException {
        Files.createDirectories(includeDir);
        Map<String, String> structOfJavaType = new HashMap<>();
        for (CStruct struct : model.structs()) {
            structOfJavaType.put(struct.javaType(), struct.name());
        }
        for (String header : model.headers()) {
            StringBuilder out = new StringBuilder(preamble(header));
            for (CConstant constant : model.constants()) {
                if (constant.header().equals(header)) {
                    out.append("#define ").append(constant.name()).append(' ').append(constantValue(constant.name())).append('\n');
                }
            }
            for (CStruct struct : model.structs()) {
                if (struct.header().equals(header)) {
                    out.append("\ntypedef struct {\n");
                    struct.fields().forEach((name, type) -> out.append("    ").append(fieldType(type)).append(' ').append(name).append(";\n"));
                    out.append("} ").append(struct.name()).append(";\n");
                }
            }
            Files.writeString(includeDir.resolve(header), out.append("\n#endif\n").toString(), StandardCharsets.UTF_8);
        }

        StringBuilder out = new StringBuilder(preamble("svm_cinterface.h"));
        out.append("#include <stddef.h>\n#include <stdint.h>\n#include <sys/types.h>\n");
        for (String header : model.platformHeaders()) {
            out.append("#include \"").append(header).append("\"\n");
        }
        String library = null;
        for (CFunction function : model.functions()) {
            if (!function.library().equals(library)) {
                library = function.library();
                out.append("\n/* lib").append(library.replace("lib", "")).append(" */\n");
            }
            StringJoiner parameters = new StringJoiner(", ", "(", ")");
            for (Type parameter : function.parameterTypes()) {
                parameters.add(cType(parameter, structOfJavaType));
            }
            if (function.parameterTypes().length == 0) {
                parameters.add("void");
            }
            out.append(cType(function.returnType(), structOfJavaType)).append(' ').append(function.name()).append(parameters)
                    .append(";  /* ").append(function.owner().replace('/', '.')).append(" */\n");
        }
        Files.writeString(includeDir.resolve("svm_cinterface.h"), out.append("\n#endif\n").toString(), StandardCharsets.UTF_8);
    }

    private int constantValue(String name) {
        return constantValues.computeIfAbsent(name, n -> constantValues.size());
    }

    private static String preamble(String header) {
        String guard = header.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        return "/* Generated when the toolchain is assembled, from the C interface declared in the image builder's jars. */\n"
                + "#ifndef " + guard + "\n#define " + guard + "\n\n";
    }

    /** Struct fields: a Java boolean field is read by the builder as one byte. */
    static String fieldType(Type type) {
        return type.getSort() == Type.BOOLEAN ? "char" : cType(type, Map.of());
    }

    /**
     * The C type for a Java type in a C function signature. A Java boolean crosses as an int (0 or 1 in the whole
     * register); word types are pointers or pointer-sized integers.
     */
    static String cType(Type type, Map<String, String> structs) {
        switch (type.getSort()) {
            case Type.VOID:
                return "void";
            case Type.BOOLEAN:
            case Type.INT:
                return "int";
            case Type.BYTE:
                return "int8_t";
            case Type.SHORT:
                return "int16_t";
            case Type.CHAR:
                return "uint16_t";
            case Type.LONG:
                return "int64_t";
            case Type.FLOAT:
                return "float";
            case Type.DOUBLE:
                return "double";
            default:
                String struct = structs.get(type.getInternalName());
                if (struct != null) {
                    return struct + " *";
                }
                String simple = type.getInternalName().substring(type.getInternalName().lastIndexOf('/') + 1);
                return switch (simple) {
                    case "CCharPointer" -> "char *";
                    case "CCharPointerPointer" -> "char **";
                    case "UnsignedWord" -> "size_t";
                    case "SignedWord" -> "intptr_t";
                    default -> "void *";
                };
        }
    }

}
