package io.quarkiverse.functions.nativeimage.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The assembled toolchain builds a native image that behaves as the JVM does: {@link ToolchainProbe}, built with
 * {@code -march=native} (so the image's start-up CPU check meets every feature HotSpot sees on this machine), runs from
 * a copy in a fresh directory with a bare environment, and prints what the JVM prints under the same environment.
 */
class NativeToolchainIT {

    static final Path HOME = Path.of(System.getProperty("toolchain.home", ""));
    static final Path OUT = Path.of("target/toolchain-it").toAbsolutePath();
    static Path image;

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isExecutable(HOME.resolve("bin/native-image")), "no assembled toolchain at " + HOME);
        delete(OUT);
        Files.createDirectories(OUT.resolve("build"));
        Process build = new ProcessBuilder(HOME.resolve("bin/native-image").toString(), "-march=native", "--no-fallback",
                "-cp", Path.of("target/test-classes").toAbsolutePath().toString(), ToolchainProbe.class.getName(), "probe")
                .directory(OUT.resolve("build").toFile()).redirectErrorStream(true)
                .redirectOutput(OUT.resolve("build.log").toFile()).start();
        assertThat(build.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(Files.readString(OUT.resolve("build.log"))).isZero();
        // the image and the libraries shipped beside it, moved elsewhere: all a deployment needs
        Files.createDirectories(OUT.resolve("moved"));
        try (Stream<Path> files = Files.list(OUT.resolve("build"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().equals("probe") || p.toString().endsWith(".so")).toList()) {
                Files.copy(file, OUT.resolve("moved").resolve(file.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        delete(OUT.resolve("build"));
        image = OUT.resolve("moved/probe");
    }

    static Stream<Map<String, String>> environments() {
        return Stream.of(
                Map.of("PROBE", "bare"),
                Map.of("TZ", ":Asia/Tokyo", "PROBE", "tz"),
                Map.of("TZ", "Europe/Paris", "LANG", "C.UTF-8"),
                Map.of("LANG", "en_US.UTF-8", "LC_ALL", "C"),
                Map.of("TZ", ":UTC", "LANG", "xx_YY.UTF-8"));
    }

    @ParameterizedTest
    @MethodSource("environments")
    void nativeAnswersAsTheJvmDoes(Map<String, String> environment) throws Exception {
        Map<String, String> expected = run(List.of(java(), "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
                ToolchainProbe.class.getName()), environment);
        Map<String, String> actual = run(List.of(image.toString()), environment);

        assertThat(actual).containsEntry("file", "files work").containsEntry("socket", "sockets work")
                .containsEntry("process", "3").containsEntry("inflated", "500");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void sigtermRunsTheShutdownHooks() throws Exception {
        // Output through a named pipe: the JDK closes an exited process's own pipe under its reader, losing the
        // hook's line. Opening a pipe waits for the other end, so the reader opens it while the process starts.
        Path fifo = OUT.resolve("probe-output.fifo");
        Files.deleteIfExists(fifo);
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<BufferedReader> opened = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return Files.newBufferedReader(fifo, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        ProcessBuilder builder = new ProcessBuilder(image.toString(), "wait").directory(OUT.toFile()).redirectOutput(fifo.toFile());
        builder.environment().clear();
        Process process = builder.start();
        BufferedReader lines = opened.get(30, TimeUnit.SECONDS);
        String line;
        do {
            line = lines.readLine();
        } while (line != null && !line.equals("ready=true"));
        assertThat(line).isEqualTo("ready=true");
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lines.readLine()).isEqualTo("shutdown-hook=ran");
        assertThat(process.exitValue()).isEqualTo(143);
    }

    @Test
    void theImageLinksTheLibrariesShippedBesideIt() throws Exception {
        assertThat(OUT.resolve("moved/libjava.so")).exists();
        assertThat(OUT.resolve("moved/libjvm.so")).exists();
        String dynamic = new String(new ProcessBuilder("readelf", "-d", image.toString()).start().getInputStream().readAllBytes());
        assertThat(dynamic).contains("[$ORIGIN]").contains("[libjava.so]").doesNotContain(HOME.toString());
    }

    private static Map<String, String> run(List<String> command, Map<String, String> environment) throws Exception {
        Process process = start(command, environment);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, values).isZero();
        return values;
    }

    /** A bare environment: only what is given, and a PATH without a JDK. */
    private static Process start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(OUT.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", System.getProperty("user.home"));
        builder.environment().putAll(environment);
        return builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
