package io.quarkiverse.functions.kafka.testbroker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real, single-node Kafka broker for tests: Kafka 4.1 in KRaft mode (one process, broker and controller combined),
 * on free ports of 127.0.0.1, with its data in a fresh temporary directory. It runs as a child {@code java} process
 * whose classpath the build wrote (maven-dependency-plugin {@code build-classpath}, the provided-scope jars of this
 * module), so Kafka's server and Scala jars never meet the Quarkus test classpath; no Docker is needed.
 * <p>
 * Start-up follows Kafka's own entry points, as {@code kafka-storage.sh} and {@code kafka-server-start.sh} call them:
 * {@code kafka.tools.StorageTool format} writes the cluster id and the metadata of a static one-voter quorum into the
 * log directory, then {@code kafka.Kafka} runs {@code KafkaRaftServer} on it. {@link #start()} returns once an admin
 * client sees the broker (a bounded polling loop, no fixed sleep). {@link #close()} kills the process and deletes the
 * directory.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "broker.classpath";
    private static final long READY_TIMEOUT_MS = 90_000;

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;
    private long startMillis;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats a new log directory and starts a broker on it; returns once it answers.
     */
    public static KafkaBroker start() {
        try {
            KafkaBroker broker = new KafkaBroker(Files.createTempDirectory("kafka-broker-"), freePort(), freePort());
            try {
                broker.run();
                return broker;
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return {@code host:port} for {@code bootstrap.servers}
     */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * @return how long {@link #start()} took, format included, in milliseconds
     */
    public long startMillis() {
        return startMillis;
    }

    /**
     * @return a free port of 127.0.0.1 that nothing listens on (for a "broker down" address too)
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run() throws IOException {
        long begin = System.nanoTime();
        String classpath = readClasspath();
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            serverProperties().store(out, "single-node KRaft broker of the tests");
        }
        String clusterId = Uuid.randomUuid().toString();
        Process format = java(classpath, List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                config.toString()), dir.resolve("format.log"));
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("kafka-storage format failed: " + tail(dir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = java(classpath, List.of("kafka.Kafka", config.toString()), dir.resolve("broker.log"));
        awaitReady();
        startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        // One node: every internal topic with one replica, and few partitions so that they are created quickly.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // A consumer joining an empty group gets its partitions at once, not after the default 3 s.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The code under test creates its topic; a typo in a test must not be hidden by auto-creation.
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private Process java(String classpath, List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Small and quick: the machine running the tests is shared, and the broker holds a few test topics.
        command.add("-Xms64m");
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(classpath);
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        return builder.start();
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ": "
                            + tail(dir.resolve("broker.log")));
                }
                try {
                    // Each attempt waits up to its own timeout for an answer: the loop is paced by the client.
                    if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    last = e;
                }
            }
            throw new IllegalStateException("Kafka not ready within " + READY_TIMEOUT_MS + " ms: "
                    + tail(dir.resolve("broker.log")), last);
        }
    }

    private static String readClasspath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: the build of the test-broker module"
                        + " writes it (maven-dependency-plugin build-classpath)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Kills the broker (it holds nothing that must survive) and deletes its directory.
     */
    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
