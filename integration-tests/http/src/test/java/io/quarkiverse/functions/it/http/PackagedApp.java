package io.quarkiverse.functions.it.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The application the build packaged: the runnable jar, or the native executable. Quarkus says which in
 * {@code target/quarkus-artifact.properties}.
 */
final class PackagedApp {

    static final Path TARGET = Path.of("target").toAbsolutePath();

    private PackagedApp() {
    }

    static boolean isNative() throws IOException {
        return "native".equals(artifact().getProperty("type"));
    }

    static Properties artifact() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /**
     * The command that starts the application on this port. A native executable is first copied, with the shared
     * libraries the build shipped beside it, to a fresh directory, and gets Cloud Run's environment only.
     */
    static ProcessBuilder processBuilder(int port) throws IOException {
        return processBuilder(port, List.of());
    }

    /**
     * @param options JVM options such as {@code -Xmx64m} (ignored by a native executable) and {@code -D} settings
     */
    static ProcessBuilder processBuilder(int port, List<String> options) throws IOException {
        if (!isNative()) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(options);
            command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar",
                    TARGET.resolve("quarkus-app/quarkus-run.jar").toString()));
            return new ProcessBuilder(command);
        }
        Path executable = TARGET.resolve(artifact().getProperty("path"));
        Path container = TARGET.resolve("native-container");
        if (Files.exists(container)) {
            try (Stream<Path> old = Files.walk(container)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(container);
        Files.copy(executable, container.resolve(executable.getFileName()));
        try (Stream<Path> libraries = Files.list(TARGET)) {
            for (Path library : libraries.filter(p -> p.getFileName().toString().endsWith(".so")).toList()) {
                Files.copy(library, container.resolve(library.getFileName()));
            }
        }
        List<String> command = new ArrayList<>();
        command.add(container.resolve(executable.getFileName()).toString());
        command.add("-Dquarkus.http.port=" + port);
        for (String option : options) {
            if (option.startsWith("-D")) {
                command.add(option);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(container.toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME", "/home", "PORT", String.valueOf(port), "K_SERVICE", "functions", "K_REVISION", "functions-00001-abc",
                "K_CONFIGURATION", "functions"));
        return builder;
    }
}
