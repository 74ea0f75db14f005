package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.quarkiverse.functions.nativeimage.driver.Toolchain;

/**
 * Builds the C side of the toolchain with gcc: the builder's helper libraries ({@code liblibchelper.a},
 * {@code libsvm_container.a}, {@code libreporterchelper.so}), this toolchain's {@code libjvm.so}, and the glue that lets
 * an image link the JDK's shared libraries where the builder expects static ones: one GNU ld linker script per library
 * ({@code lib/static/linux-amd64/glibc/libjava.a} reads {@code INPUT(…/libjava.so)}).
 */
final class CLibraries {

    /** The JDK libraries the builder may link (its JNI registration features name them); those the JDK has are shipped. */
    static final List<String> JDK_LIBRARIES = List.of("java", "nio", "net", "zip", "extnet", "prefs", "jaas", "attach",
            "management", "management_ext", "management_agent");
    /** What libjvm.so exports, under HotSpot's symbol version, which the JDK's libraries require. */
    static final String VERSION_SCRIPT = "SUNWprivate_1.1 {\n  global:\n    JVM_*;\n    jio_*;\n    JNI_OnLoad_*;\n    initialize;\n"
            + "  local:\n    *;\n};\n";

    private final Toolchain toolchain;
    private final Path jdk;
    private final Path sources;
    private final Path work;
    private final NativeTools tools;
    private final CInterfaceScanner.Model cInterface;

    CLibraries(Toolchain toolchain, Path jdk, Path sources, Path work, NativeTools tools, CInterfaceScanner.Model cInterface) {
        this.cInterface = cInterface;
        this.toolchain = toolchain;
        this.jdk = jdk;
        this.sources = sources;
        this.work = work;
        this.tools = tools;
    }

    void build() throws IOException {
        Path include = toolchain.svm().resolve("clibraries").resolve(Toolchain.PLATFORM).resolve("include");
        Path clibraries = toolchain.cLibraryPath().get(0);
        Path shared = toolchain.sharedLibraries();
        Path staticJdk = toolchain.jdkStaticLibraries();
        Files.createDirectories(clibraries);
        Files.createDirectories(shared);
        Files.createDirectories(staticJdk);
        List<Path> includes = List.of(include, jdk.resolve("include"), jdk.resolve("include/linux"));

        tools.archive(clibraries.resolve("liblibchelper.a"), compileAll("chelper", includes));
        tools.archive(clibraries.resolve("libsvm_container.a"), compileAll("container", includes));

        List<String> shipped = new ArrayList<>();
        for (String name : JDK_LIBRARIES) {
            Path library = jdk.resolve("lib").resolve("lib" + name + ".so");
            if (Files.isRegularFile(library)) {
                Files.copy(library, shared.resolve(library.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                linkerScript(staticJdk.resolve("lib" + name + ".a"), shared.resolve(library.getFileName()));
                shipped.add(name);
            }
        }
        buildLibjvm(shipped, includes, shared);
        linkerScript(clibraries.resolve("libjvm.a"), shared.resolve("libjvm.so"));

        requireComplete(clibraries, shared);

        Path reporter = toolchain.builderJars().resolve("lib");
        Files.createDirectories(reporter);
        tools.sharedLibrary(reporter.resolve("libreporterchelper.so"), "libreporterchelper.so",
                compileAll("reporter", includes), null, List.of());
    }

    private void buildLibjvm(List<String> shipped, List<Path> includes, Path shared) throws IOException {
        Path jvmObject = compileAll("jvm", includes).get(0);
        Set<String> implemented = tools.symbols(jvmObject, true, false);
        Set<String> imported = new TreeSet<>();
        StringBuilder onload = new StringBuilder(GENERATED + "#include <jni.h>\n\n"
                + "jint svm_jvm_forward_onload(const char *soname, JavaVM *vm, void *reserved);\n\n");
        for (String name : shipped) {
            Path library = shared.resolve("lib" + name + ".so");
            for (String symbol : tools.symbols(library, false, true)) {
                if (symbol.startsWith("JVM_") || symbol.startsWith("jio_")) {
                    imported.add(symbol);
                }
            }
            onload.append("JNIEXPORT jint JNICALL JNI_OnLoad_").append(name).append("(JavaVM *vm, void *reserved) {\n")
                    .append("    return svm_jvm_forward_onload(\"lib").append(name).append(".so\", vm, reserved);\n}\n\n");
        }
        StringBuilder unsupported = new StringBuilder(GENERATED + "void svm_jvm_unsupported(const char *function);\n\n");
        for (String symbol : imported) {
            if (!implemented.contains(symbol)) {
                unsupported.append("void ").append(symbol).append("(void) {\n    svm_jvm_unsupported(\"").append(symbol)
                        .append("\");\n}\n\n");
            }
        }
        Path generated = work.resolve("generated");
        Files.createDirectories(generated);
        Files.writeString(generated.resolve("jvm_onload.c"), onload, StandardCharsets.UTF_8);
        Files.writeString(generated.resolve("jvm_unsupported.c"), unsupported, StandardCharsets.UTF_8);
        Path versionScript = work.resolve("libjvm.map");
        Files.writeString(versionScript, VERSION_SCRIPT, StandardCharsets.UTF_8);

        List<Path> objects = new ArrayList<>(List.of(jvmObject));
        for (String file : List.of("jvm_onload.c", "jvm_unsupported.c")) {
            Path object = work.resolve(file.replace(".c", ".o"));
            tools.compile(generated.resolve(file), object, includes);
            objects.add(object);
        }
        tools.sharedLibrary(shared.resolve("libjvm.so"), "libjvm.so", objects, versionScript, List.of("-ldl", "-lpthread"));
    }

    /**
     * Fails assembly when the builder declares a C function that neither this toolchain's libraries nor the system's
     * define: a newer svm.jar then needs a C helper this toolchain lacks, and it says which, rather than the link of
     * some image failing later.
     */
    private void requireComplete(Path clibraries, Path shared) {
        Set<String> defined = new TreeSet<>();
        for (String archive : List.of("liblibchelper.a", "libsvm_container.a")) {
            defined.addAll(tools.symbols(clibraries.resolve(archive), true, false));
        }
        defined.addAll(tools.symbols(shared.resolve("libjvm.so"), true, true));
        for (String library : SYSTEM_LIBRARIES) {
            Path path = Path.of(tools.run(List.of("gcc", "-print-file-name=" + library), null).trim());
            if (path.isAbsolute() && Files.isRegularFile(path)) {
                defined.addAll(tools.symbols(path, true, true));
            }
        }
        for (String name : JDK_LIBRARIES) {
            Path library = shared.resolve("lib" + name + ".so");
            if (Files.isRegularFile(library)) {
                defined.addAll(tools.symbols(library, true, true));
            }
        }
        Set<String> missing = new TreeSet<>();
        cInterface.functions().forEach(f -> missing.add(f.name()));
        missing.addAll(cInterface.withoutLibrary());
        missing.removeAll(defined);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The image builder declares C functions this toolchain does not provide: " + missing
                    + ". Add them to src/main/c (see docs/native.md, \"The C helpers\").");
        }
    }

    static final List<String> SYSTEM_LIBRARIES = List.of("libc.so.6", "libpthread.so.0", "libdl.so.2", "librt.so.1", "libm.so.6",
            "libz.so.1");

    private List<Path> compileAll(String directory, List<Path> includes) throws IOException {
        List<Path> objects = new ArrayList<>();
        Path out = work.resolve(directory);
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(sources.resolve(directory))) {
            for (Path source : files.filter(p -> p.toString().endsWith(".c")).sorted().toList()) {
                Path object = out.resolve(source.getFileName().toString().replace(".c", ".o"));
                tools.compile(source, object, includes);
                objects.add(object);
            }
        }
        return objects;
    }

    /** A GNU ld linker script standing for an archive: the image then links the shared library it names. */
    static void linkerScript(Path archive, Path sharedLibrary) throws IOException {
        Files.writeString(archive, "/* Linker script of the Quarkus Functions native-image toolchain: "
                + "link the shared library, shipped next to the image. */\nINPUT(" + sharedLibrary + ")\n", StandardCharsets.UTF_8);
    }

    private static final String GENERATED = "/* Generated when the toolchain is assembled (CLibraries.java). */\n";
}
