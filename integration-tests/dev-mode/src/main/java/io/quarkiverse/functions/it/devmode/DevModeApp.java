package io.quarkiverse.functions.it.devmode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * An example application run with {@code mvnw quarkus:dev}, as a user runs it: a child Maven process on a free HTTP
 * port, ready when Quarkus prints that it listens, stopped with its whole process tree. Its output goes to
 * {@code target/dev-mode.log}.
 */
public final class DevModeApp implements AutoCloseable {

    /** A system property that skips the dev-mode tests (CI runs them on one JDK only). */
    public static final String SKIP = "dev-mode.skip";

    private static final long START_MINUTES = 5;

    private final Process maven;
    private final int port;
    private final Path log;

    private DevModeApp(Process maven, int port, Path log) {
        this.maven = maven;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts dev mode of the module the test runs in (failsafe runs it in the module's directory).
     *
     * @param properties more {@code -D} settings, e.g. {@code quarkus.lambda.mock-event-server.dev-port=0}
     */
    public static DevModeApp start(String... properties) throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        return start(module, module.resolve("../../mvnw").normalize(), List.of(), Map.of(), properties);
    }

    /**
     * Starts dev mode of any project.
     *
     * @param wrapper the Maven wrapper to run
     * @param mavenArgs more arguments of Maven ({@code -o}, a local repository)
     * @param environment more environment variables of the Maven process
     */
    public static DevModeApp start(Path project, Path wrapper, List<String> mavenArgs, Map<String, String> environment,
            String... properties) throws IOException, InterruptedException {
        Assumptions.assumeFalse(Boolean.getBoolean(SKIP), "dev mode not tested in this build (-D" + SKIP + ")");
        Path module = project.toAbsolutePath();
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-B", "-ntp", "quarkus:dev",
                "-Dquarkus.http.port=" + port, "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.analytics.disabled=true", "-Dquarkus.live-reload.instrumentation=false"));
        command.addAll(mavenArgs);
        for (String property : properties) {
            command.add("-D" + property);
        }
        Path log = module.resolve("target/dev-mode.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(module.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process maven = builder.start();
        CountDownLatch listening = new CountDownLatch(1);
        String ready = "Listening on: http://localhost:" + port;
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line; (line = lines.readLine()) != null;) {
                    out.println(line);
                    if (line.contains(ready)) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the stream closes when the process is stopped; before that, the failure to start says the rest
                if (maven.isAlive()) {
                    throw new UncheckedIOException(e);
                }
            } finally {
                listening.countDown();
            }
        }, "dev-mode-output");
        pump.setDaemon(true);
        pump.start();
        DevModeApp app = new DevModeApp(maven, port, log);
        if (!listening.await(START_MINUTES, TimeUnit.MINUTES) || !maven.isAlive()) {
            app.close();
            throw new IllegalStateException("quarkus:dev did not start listening on port " + port + "; its output:\n"
                    + app.logTail());
        }
        return app;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        // the wrapper's JVM runs the dev-mode JVM as a child: stop the whole tree
        maven.descendants().forEach(ProcessHandle::destroy);
        maven.destroy();
        if (!maven.waitFor(30, TimeUnit.SECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
