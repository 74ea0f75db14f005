package io.quarkiverse.functions.it.scaleout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free port of 127.0.0.1, a child process of the
 * test JVM, without persistence. A copy of the Redis store's test helper (extension/redis/deployment), which is in no
 * reusable artifact.
 * <p>
 * The port and pid travel in system properties rather than in static fields: the test resource that starts the
 * server and the test class that stops it may be loaded by different class loaders.
 */
final class RedisServer {

    static final String PORT = "functions.test.redis.port";
    static final String PID = "functions.test.redis.pid";
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private RedisServer() {
    }

    /**
     * Starts a server and returns once it answers {@code PING}.
     *
     * @return the server's port
     */
    static int start() {
        String binary = onPath("redis-server").orElseThrow(() -> new IllegalStateException(
                "redis-server is not on the PATH: the scaled-out app's tests run against a real Redis. "
                        + "Install it (Debian/Ubuntu: apt-get install redis-server) and run the tests again."));
        int port = freePort();
        Path dir = Path.of("target", "redis-" + port);
        List<String> command = List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString());
        Path log = dir.resolve("redis-server.log");
        Process process;
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        // Also when the JVM ends without the resource's stop, for example killed by a timeout
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitPong(process, port, log);
        System.setProperty(PORT, Integer.toString(port));
        System.setProperty(PID, Long.toString(process.pid()));
        return port;
    }

    /** Stops the server (SIGKILL: it holds nothing to save) and waits for it to exit. */
    static void stop() {
        String pid = System.getProperty(PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(server -> {
            server.destroyForcibly();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("redis-server " + pid + " did not exit", e);
            }
        });
        System.clearProperty(PID);
        System.clearProperty(PORT);
    }

    /** Polls with PING until PONG, the process's exit, or the deadline. */
    private static void awaitPong(Process process, int port, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        IOException last = null;
        while (System.nanoTime() - deadline < 0) {
            try {
                if (ping(port)) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                // Between attempts, wait for the process's exit for a moment: a server that died ends the wait at once
                process.onExit().get(20, TimeUnit.MILLISECONDS);
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + read(log));
            } catch (TimeoutException stillRunning) {
                // next attempt
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING in time (last: " + last
                + "): " + read(log));
    }

    private static boolean ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(reply);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
