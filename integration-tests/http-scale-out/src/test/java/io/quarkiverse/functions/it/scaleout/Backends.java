package io.quarkiverse.functions.it.scaleout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.quarkiverse.functions.kafka.testbroker.KafkaBroker;
import io.quarkiverse.functions.redis.testserver.RedisServer;

/**
 * The shared backends of the packaged-app tests: a real {@code redis-server} and a real Kafka broker, one of each per
 * test class, and the settings that point an instance of the app at them.
 */
final class Backends implements AutoCloseable {

    final int redisPort;
    final KafkaBroker broker;

    private Backends(int redisPort, KafkaBroker broker) {
        this.redisPort = redisPort;
        this.broker = broker;
    }

    static Backends start() {
        int redis = RedisServer.start(null);
        try {
            return new Backends(redis, KafkaBroker.start());
        } catch (RuntimeException | Error e) {
            RedisServer.stop();
            throw e;
        }
    }

    /**
     * The options of an instance: this Redis and this broker. A consumer of a killed instance is dropped from the
     * group after Kafka's shortest session timeout (6 s, the broker's {@code group.min.session.timeout.ms}) rather
     * than the default 45 s, so that its partitions move on sooner.
     */
    List<String> options() {
        return List.of("-Dquarkus.redis.hosts=redis://127.0.0.1:" + redisPort,
                "-Dquarkus.functions.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "-Dquarkus.functions.kafka.properties.\"session.timeout.ms\"=6000");
    }

    /** {@code GET key} over a plain socket (RESP): the value, or {@code null}. */
    String redisGet(String key) throws IOException {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", redisPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$3\r\nGET\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(name);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String header = readLine(in);
            if (!header.startsWith("$")) {
                throw new IOException("Redis answered " + header);
            }
            int length = Integer.parseInt(header.substring(1));
            if (length < 0) {
                return null;
            }
            byte[] value = in.readNBytes(length);
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            RedisServer.stop();
        }
    }
}
