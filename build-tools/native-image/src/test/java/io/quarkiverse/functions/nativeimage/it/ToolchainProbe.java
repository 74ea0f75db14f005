package io.quarkiverse.functions.nativeimage.it;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Built natively by {@link NativeToolchainIT} and also run on the JVM, under the same environment: each line is a
 * {@code key=value} the two must agree on. It reaches every part of the toolchain an application depends on: time
 * zone and locale (C helpers), files and sockets (libjava, libnio, libnet), zip (libzip), processes, digests, signals.
 */
public final class ToolchainProbe {

    private ToolchainProbe() {
    }

    public static void main(String[] args) throws Exception {
        print("zone", ZoneId.systemDefault().getId());
        print("locale", Locale.getDefault().toLanguageTag());
        print("format.locale", Locale.getDefault(Locale.Category.FORMAT).toLanguageTag());
        print("processors", Runtime.getRuntime().availableProcessors());
        print("user.home", System.getProperty("user.home"));
        print("env.PROBE", System.getenv("PROBE"));

        Path file = Files.createTempFile("probe", ".txt");
        Files.writeString(file, "files work");
        print("file", Files.readString(file));
        Files.delete(file);

        CRC32 crc = new CRC32();
        crc.update("hello".getBytes(StandardCharsets.UTF_8));
        print("crc32", Long.toHexString(crc.getValue()));
        print("inflated", inflate(deflate("zip works ".repeat(50))).length());
        print("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.UTF_8))));

        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            client.getOutputStream().write("sockets work\n".getBytes(StandardCharsets.UTF_8));
            client.shutdownOutput();
            print("socket", new String(accepted.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        print("process", new ProcessBuilder("/bin/sh", "-c", "exit 3").start().waitFor());

        if (args.length > 0 && args[0].equals("wait")) {
            CountDownLatch forever = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> print("shutdown-hook", "ran")));
            print("ready", "true");
            forever.await();
        }
    }

    private static byte[] deflate(String text) {
        Deflater deflater = new Deflater();
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[4096];
        int length = deflater.deflate(buffer);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, length);
    }

    private static String inflate(byte[] data) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(data);
        byte[] buffer = new byte[4096];
        int length = inflater.inflate(buffer);
        inflater.end();
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
        System.out.flush();
    }

}
