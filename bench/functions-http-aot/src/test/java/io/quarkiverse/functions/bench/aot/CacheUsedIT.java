package io.quarkiverse.functions.bench.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs after the training run (its own failsafe execution): the cache it wrote is used by the JVM that recorded it,
 * with the harness's flags. {@code -XX:AOTMode=on} makes the JVM exit if the cache cannot be used, and the class-load
 * log shows the function's classes coming from the cache.
 */
class CacheUsedIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final List<String> HARNESS_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx445m");

    @Test
    void theTrainedCacheIsMappedAndServesGreet() throws Exception {
        assertThat(APP.resolve("app.aot")).as("the training run's cache").isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(HARNESS_FLAGS);
        command.addAll(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + APP.resolve("app.aot"), "-Xlog:class+load=info",
                "-Dquarkus.http.port=" + port, "-jar", APP.resolve("quarkus-run.jar").toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("Listening on")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("the app ended before listening"));
        }, "app-output");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/greet"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("Hello Ada!");
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        List<String> lines;
        synchronized (output) {
            lines = List.copyOf(output);
        }
        Files.write(Path.of("target", "cache-used.log"), lines);
        assertThat(lines).as("class-load log, in target/cache-used.log")
                .anyMatch(line -> line.contains(" io.quarkiverse.functions.bench.greet.GreetingFunctions source: shared objects file"))
                .anyMatch(line -> line.contains(" io.quarkiverse.functions.http.runtime.")
                        && line.contains("source: shared objects file"));
    }
}
