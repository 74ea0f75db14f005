package io.quarkiverse.functions.it.scaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One instance of the packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}, production profile,
 * JSON logs on stdout) on a free port, with its output read line by line as JSON (a line that is not JSON is kept as
 * {@code {"raw": …}}), and copied to {@code target/app-output/<name>-<port>.log} for a look after a failure.
 */
final class ScaleOutApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    final String name;
    final Process process;
    final int port;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();

    private ScaleOutApp(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
        Path copy = Path.of("target", "app-output", name + "-" + port + ".log");
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    Writer file = Files.newBufferedWriter(Files.createDirectories(copy.getParent()).resolve(
                            copy.getFileName()), StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    incoming.add(parse(line));
                }
            } catch (IOException e) {
                incoming.add(JSON.createObjectNode().put("raw", "output reader stopped: " + e));
            }
        }, "app-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts an instance and waits for its "Listening on" line.
     *
     * @param options JVM options, {@code -D} settings among them
     */
    static ScaleOutApp start(String name, List<String> options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // quick to start on a shared 2-core machine; the apps do little work
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xmx256m");
        command.addAll(options);
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-jar", JAR.toString()));
        ScaleOutApp app = new ScaleOutApp(name, new ProcessBuilder(command).redirectErrorStream(true).start(), port);
        app.awaitLine(line -> line.path("message").asText().contains("Listening on"));
        return app;
    }

    /** Reads the output until a line matches; fails after 60 s without one. */
    synchronized JsonNode awaitLine(Predicate<JsonNode> wanted) throws InterruptedException {
        for (JsonNode line : seen) {
            if (wanted.test(line)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode line = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("No matching output line of " + name + " within 60 s; read so far: " + seen);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits up to {@code millis} for one more output line; whether one came. */
    synchronized boolean awaitMoreOutput(long millis) throws InterruptedException {
        JsonNode line = incoming.poll(millis, TimeUnit.MILLISECONDS);
        if (line == null) {
            return false;
        }
        seen.add(line);
        return true;
    }

    /** The output read so far. */
    synchronized List<JsonNode> lines() {
        incoming.drainTo(seen);
        return List.copyOf(seen);
    }

    /** {@code kill -9}: on Linux {@link Process#destroyForcibly()} sends SIGKILL; nothing of the app runs after it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static JsonNode parse(String line) {
        if (line.startsWith("{")) {
            try {
                return JSON.readTree(line);
            } catch (IOException notJson) {
                // kept raw below
            }
        }
        return JSON.createObjectNode().put("raw", line);
    }
}
