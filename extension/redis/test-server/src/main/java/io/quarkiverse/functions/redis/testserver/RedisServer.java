package io.quarkiverse.functions.redis.testserver;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on a free port, a child process of the test JVM,
 * without persistence.
 * <p>
 * QuarkusUnitTest loads a test class twice, by JUnit and by Quarkus, so the server's port and pid travel in system
 * properties rather than in static fields: {@link #start} and {@link #stop} run as the test's before-all and after-all
 * customizers, and the test methods reach the server through the properties.
 */
public final class RedisServer {

    public static final String PORT = "functions.test.redis.port";
    public static final String PID = "functions.test.redis.pid";
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private RedisServer() {
    }

    /**
     * Starts a server and returns once it answers {@code PING}.
     *
     * @param password the {@code requirepass} of the server, or {@code null}
     * @return the server's port
     */
    public static int start(String password) {
        String binary = onPath("redis-server").orElseThrow(() -> new IllegalStateException(
                "redis-server is not on the PATH: the Redis store's tests run against a real Redis. "
                        + "Install it (Debian/Ubuntu: apt-get install redis-server) and run the tests again."));
        int port = freePort();
        Path dir = Path.of("target", "redis-" + port);
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        Path log = dir.resolve("redis-server.log");
        Process process;
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary, e);
        }
        // Also when the JVM ends without the after-all customizer, for example killed by a timeout
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitPong(process, port, log);
        System.setProperty(PORT, Integer.toString(port));
        System.setProperty(PID, Long.toString(process.pid()));
        return port;
    }

    /** Stops the server, stalled or not, and waits for it to exit. */
    public static void stop() {
        String pid = System.getProperty(PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(server -> {
            // SIGKILL: a stalled (SIGSTOPped) server would keep a SIGTERM pending
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

    /**
     * Stalls the server with {@code SIGSTOP}: the kernel still accepts connections, but nothing answers, as with a
     * Redis that hangs or a network that drops replies.
     */
    public static void pause() {
        signal("-STOP");
    }

    public static void resume() {
        signal("-CONT");
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    private static void signal(String signal) {
        String pid = System.getProperty(PID);
        try {
            Process kill = new ProcessBuilder("kill", signal, pid).inheritIO().start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** A PING; a server with a password answers {@code -NOAUTH}, which is an answer as well. */
    private static boolean ping(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return reply != null && (reply.equals("+PONG") || reply.startsWith("-NOAUTH"));
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
