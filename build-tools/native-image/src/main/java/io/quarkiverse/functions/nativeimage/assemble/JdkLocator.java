package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds the JDK the image builder runs on: a JDK 25 with the {@code jdk.internal.vm.ci} module (Temurin 25 has it).
 * Looked for in order: {@code --jdk}, {@code NATIVE_IMAGE_JDK}, {@code JAVA_HOME}, the running JVM, then
 * {@code /usr/lib/jvm/*25*}.
 */
final class JdkLocator {

    static final int FEATURE = 25;

    private JdkLocator() {
    }

    static Path locate(Path explicit) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (explicit != null) {
            return check(explicit, true);
        }
        String variable = System.getenv("NATIVE_IMAGE_JDK");
        if (variable != null && !variable.isBlank()) {
            return check(Path.of(variable), true);
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            candidates.add(Path.of(javaHome));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(d -> d.getFileName().toString().contains("25")).sorted().forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (check(candidate, false) != null) {
                return candidate;
            }
        }
        throw new IllegalStateException("A JDK " + FEATURE + " with JVMCI (such as Temurin " + FEATURE + ") is needed to build native "
                + "images with this toolchain, and none was found in JAVA_HOME, the running JVM or /usr/lib/jvm. "
                + "Point NATIVE_IMAGE_JDK (or -Dnative.jdk with Maven) to one.");
    }

    /** The JDK, when its release file says version 25 and it has JVMCI; otherwise null, or an error when required. */
    static Path check(Path jdk, boolean required) throws IOException {
        Path release = jdk.resolve("release");
        Properties properties = new Properties();
        if (Files.isRegularFile(release)) {
            try (var in = Files.newInputStream(release)) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String modules = properties.getProperty("MODULES", "");
        boolean ok = (version.equals(String.valueOf(FEATURE)) || version.startsWith(FEATURE + "."))
                && modules.contains("jdk.internal.vm.ci") && Files.isExecutable(jdk.resolve("bin/java"));
        if (!ok && required) {
            throw new IllegalStateException(jdk + " is not a JDK " + FEATURE + " with the jdk.internal.vm.ci module (found version '"
                    + version + "')");
        }
        return ok ? jdk : null;
    }

    /** Runs the same main class on the given JDK, with the same class path and arguments; returns its exit code. */
    static int relaunch(Path jdk, Class<?> main, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString(), "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
