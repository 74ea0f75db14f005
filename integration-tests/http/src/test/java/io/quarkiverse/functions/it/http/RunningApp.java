package io.quarkiverse.functions.it.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One start of the packaged application on a free port, with its output read line by line.
 */
final class RunningApp implements AutoCloseable {

    final Process process;
    final int port;
    private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private RunningApp(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    incoming.add(line);
                }
            } catch (IOException e) {
                incoming.add("output reader stopped: " + e);
            }
        }, "app-output-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the application and waits for its "Listening on" line. */
    static RunningApp start(List<String> options) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RunningApp app = new RunningApp(PackagedApp.processBuilder(port, options).redirectErrorStream(true).start(), port);
        app.awaitLine(line -> line.contains("Listening on"));
        return app;
    }

    /** Reads the output until a line matches; fails after 60 s without one, or when the process has ended. */
    synchronized String awaitLine(Predicate<String> wanted) throws InterruptedException {
        for (String line : seen) {
            if (wanted.test(line)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("No matching output line within 60 s; read so far: " + seen);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    synchronized List<String> linesSoFar() {
        incoming.drainTo(seen);
        return List.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
