package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.quarkiverse.functions.nativeimage.driver.ApiOptionTable;
import io.quarkiverse.functions.nativeimage.driver.Toolchain;

/**
 * Assembles a GRAALVM_HOME from a JDK 25 with JVMCI (Temurin), the image builder's jars from Maven Central and this
 * project's own driver and C helpers, in a directory of the user's cache. It runs on that JDK (it re-launches itself
 * when started on another), works in a sibling directory and renames it into place, and does nothing when the home
 * there was assembled from the same inputs.
 *
 * <pre>
 * java -cp toolchain.jar:asm… io.quarkiverse.functions.nativeimage.assemble.Assembler \
 *     --jars &lt;builder jars&gt; --home &lt;GRAALVM_HOME&gt; [--jdk &lt;JDK 25&gt;] [--verbose]
 * </pre>
 */
public final class Assembler {

    static final String GRAALVM_VERSION_PREFIX = "svm-";

    private final Path jars;
    private final Path home;
    private final Path jdk;
    private final boolean verbose;

    Assembler(Path jars, Path home, Path jdk, boolean verbose) {
        this.jars = jars;
        this.home = home;
        this.jdk = jdk;
        this.verbose = verbose;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getenv("GRAALVM_HOME") != null && !options.force) {
            System.out.println("[native-image toolchain] GRAALVM_HOME is set (" + System.getenv("GRAALVM_HOME")
                    + "): using it, nothing to assemble.");
            return;
        }
        Path jdk = JdkLocator.locate(options.jdk);
        if (!Path.of(System.getProperty("java.home")).toRealPath().equals(jdk.toRealPath())) {
            System.exit(JdkLocator.relaunch(jdk, Assembler.class, args));
        }
        try {
            new Assembler(options.jars, options.home, jdk, options.verbose).assemble();
        } catch (IllegalStateException e) {
            System.err.println("[native-image toolchain] " + e.getMessage());
            System.exit(1);
        }
    }

    void assemble() throws IOException {
        long start = System.nanoTime();
        List<Path> builderJars = Toolchain.jars(jars);
        Path compiler = builderJars.stream().filter(p -> p.getFileName().toString().startsWith("compiler-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No org.graalvm.compiler:compiler jar in " + jars));
        String graalVersion = builderJars.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith(GRAALVM_VERSION_PREFIX) && n.matches("svm-[0-9.]+\\.jar")).findFirst()
                .map(n -> n.substring(GRAALVM_VERSION_PREFIX.length(), n.length() - ".jar".length()))
                .orElseThrow(() -> new IllegalStateException("No org.graalvm.nativeimage:svm jar in " + jars));
        Path driverJar = ownJar();
        String stamp = stamp(builderJars, driverJar);
        Toolchain existing = new Toolchain(home);
        if (Files.isRegularFile(existing.properties()) && stamp.equals(existing.readProperties().getProperty("stamp"))) {
            System.out.println("[native-image toolchain] Up to date: " + home);
            return;
        }
        NativeTools tools = new NativeTools(verbose);
        tools.requireInstalled();
        System.out.println("[native-image toolchain] Assembling GraalVM CE " + graalVersion + " builder on " + jdk + " into " + home);

        Path staging = home.resolveSibling(home.getFileName() + ".assembling");
        Path work = home.resolveSibling(home.getFileName() + ".work");
        deleteRecursively(staging);
        deleteRecursively(work);
        Files.createDirectories(staging.getParent());
        tools.run(List.of("cp", "-a", jdk.toString(), staging.toString()), null);
        Toolchain toolchain = new Toolchain(staging);

        List<Path> builderModules = new ArrayList<>();
        for (Path jar : builderJars) {
            Path target = jar.equals(compiler) ? toolchain.compilerJars() : toolchain.builderJars();
            Files.createDirectories(target);
            Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            if (!jar.equals(compiler)) {
                builderModules.add(jar);
            }
        }
        Files.createDirectories(toolchain.driverJars());
        Files.copy(driverJar, toolchain.driverJars().resolve("native-image-driver.jar"));

        ApiOptionTable.write(ApiOptionScanner.scan(builderJars), toolchain.apiOptions());
        Files.write(toolchain.builderExports(), BuilderExportsScanner.scan(builderJars), StandardCharsets.UTF_8);
        CInterfaceScanner.Model cInterface;
        try (ClassIndex classes = ClassIndex.of(builderModules, false)) {
            cInterface = new CInterfaceScanner(classes).scan();
        }
        new HeaderWriter().write(cInterface, toolchain.svm().resolve("clibraries").resolve(Toolchain.PLATFORM).resolve("include"));
        Path sources = work.resolve("c");
        Resources.extract("c/", sources);
        new CLibraries(toolchain, staging, sources, work, tools, cInterface).build();

        writeProperties(toolchain, graalVersion, stamp, builderModules);
        writeLauncher(toolchain);
        // The linker scripts name the shared libraries by absolute path: write them for the final location.
        rewriteLinkerScripts(toolchain, staging, home);

        deleteRecursively(home);
        Files.move(staging, home);
        deleteRecursively(work);
        System.out.printf("[native-image toolchain] Assembled in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, home);
        System.out.println("[native-image toolchain] " + String.join(" / ",
                tools.run(List.of(home.resolve("bin/native-image").toString(), "--version"), null).trim().split("\n")));
    }

    private void writeProperties(Toolchain toolchain, String graalVersion, String stamp, List<Path> builderModules)
            throws IOException {
        Properties properties = new Properties();
        properties.setProperty("stamp", stamp);
        properties.setProperty("graalvm.version", graalVersion);
        properties.setProperty("vendor", "GraalVM Community");
        properties.setProperty("vendor.url", "https://github.com/oracle/graal");
        properties.setProperty("vendor.version", "GraalVM CE " + graalVersion + "+quarkus-functions-toolchain");
        properties.setProperty("jdk", jdk.toString());
        properties.setProperty("jdk.version", System.getProperty("java.runtime.version"));
        List<String> modules = new ArrayList<>();
        for (Path jar : builderModules) {
            java.lang.module.ModuleFinder.of(jar).findAll().forEach(m -> modules.add(m.descriptor().name()));
        }
        properties.setProperty("builder.modules", String.join(",", modules));
        try (OutputStream out = Files.newOutputStream(toolchain.properties())) {
            properties.store(out, "Quarkus Functions native-image toolchain (see docs/native.md)");
        }
    }

    private static void writeLauncher(Toolchain toolchain) throws IOException {
        Path launcher = toolchain.home().resolve("bin/native-image");
        Files.writeString(launcher, """
                #!/bin/sh
                # The native-image driver of the Quarkus Functions toolchain (docs/native.md).
                home=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd -P)
                exec "$home/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss2m -Dnative-image.home="$home" \\
                    -cp "$home/lib/svm/driver/native-image-driver.jar" io.quarkiverse.functions.nativeimage.driver.NativeImageDriver "$@"
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void rewriteLinkerScripts(Toolchain toolchain, Path from, Path to) throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (Path dir : List.of(toolchain.jdkStaticLibraries(), toolchain.cLibraryPath().get(0))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".a")).forEach(scripts::add);
            }
        }
        for (Path script : scripts) {
            byte[] bytes = Files.readAllBytes(script);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (text.startsWith("/* Linker script")) {
                Files.writeString(script, text.replace(from.toString(), to.toString()), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The inputs that make a home: the builder jars, this driver, the JDK. */
    private String stamp(List<Path> builderJars, Path driverJar) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path jar : builderJars) {
                digest.update((jar.getFileName() + ":" + Files.size(jar) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update(Files.readAllBytes(driverJar));
            digest.update(Files.readAllBytes(jdk.resolve("release")));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The jar (or, in tests, the classes directory) this class was loaded from, packed as a jar when needed. */
    private Path ownJar() throws IOException {
        try {
            Path location = Path.of(Assembler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location)) {
                return location;
            }
            Path jar = Files.createTempFile("native-image-driver", ".jar");
            jar.toFile().deleteOnExit();
            return Resources.jarOf(location, jar);
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the toolchain's own jar", e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    record Options(Path jars, Path home, Path jdk, boolean verbose, boolean force) {
        static Options parse(String[] args) {
            Path jars = null, home = null, jdk = null;
            boolean verbose = false, force = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if ((name.equals("--jars") || name.equals("--home") || name.equals("--jdk")) && value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " requires a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--jars" -> jars = Path.of(value);
                    case "--home" -> home = Path.of(value);
                    case "--jdk" -> jdk = value.isBlank() ? null : Path.of(value);
                    case "--verbose" -> verbose = true;
                    case "--force" -> force = true;
                    default -> throw new IllegalArgumentException("Unknown argument " + arg
                            + "; usage: --jars <dir> --home <dir> [--jdk <dir>] [--verbose] [--force]");
                }
            }
            if (jars == null || home == null) {
                throw new IllegalArgumentException("--jars and --home are required");
            }
            return new Options(jars.toAbsolutePath(), home.toAbsolutePath(), jdk, verbose, force);
        }
    }
}
