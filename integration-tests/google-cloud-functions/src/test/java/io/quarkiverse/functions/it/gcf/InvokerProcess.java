package io.quarkiverse.functions.it.gcf;

import java.io.BufferedReader;
import java.io.File;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged application (the jars of {@code target/deployment}, as {@code gcloud functions deploy} uploads them)
 * run by Google's Functions Framework invoker in a process of its own, as Cloud Functions runs it:
 * {@code java -jar java-function-invoker.jar --target <entry point> --classpath <jars>}, on the port given by
 * {@code PORT}. Its output is read line by line; JSON lines are parsed.
 */
final class InvokerProcess implements AutoCloseable {

    static final String HTTP_ENTRY_POINT = "io.quarkiverse.functions.googlecloudfunctions.runtime.HttpFunctionEntryPoint";
    static final String EVENT_ENTRY_POINT = "io.quarkiverse.functions.googlecloudfunctions.runtime.CloudEventFunctionEntryPoint";
    /** The project id the tests give, so that log lines carry Cloud Logging's trace field. */
    static final String PROJECT = "quarkus-functions-it";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> lines = new ArrayList<>();

    private InvokerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the invoker and waits until it serves.
     *
     * @param entryPoint the {@code --target}
     * @param environment more environment variables, for example {@code QUARKUS_FUNCTIONS_EXPORT}
     */
    static InvokerProcess start(String entryPoint, Map<String, String> environment) throws IOException, InterruptedException {
        InvokerProcess started = launch(entryPoint, environment);
        started.awaitServing();
        return started;
    }

    /**
     * Starts the invoker without waiting for it to serve: for a start-up that must fail.
     */
    static InvokerProcess launch(String entryPoint, Map<String, String> environment) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path invoker = Path.of("target", "invoker", "java-function-invoker.jar");
        if (!Files.isRegularFile(invoker)) {
            throw new IllegalStateException(invoker + " is missing: run the tests with Maven (mvn verify), which copies it");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", invoker.toString(), "--target", entryPoint,
                "--classpath", deploymentClasspath())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // A deterministic environment: nothing inherited that the invoker or the binding reads.
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("FUNCTION_") || name.equals("K_SERVICE")
                || name.equals("CLOUD_RUN_TIMEOUT_SECONDS") || name.equals("GCP_PROJECT"));
        env.put("PORT", Integer.toString(port));
        env.put("GOOGLE_CLOUD_PROJECT", PROJECT);
        env.putAll(environment);
        InvokerProcess launched = new InvokerProcess(builder.start(), port);
        launched.readOutput();
        return launched;
    }

    /**
     * Waits, at most 60 s, for the process to end.
     *
     * @return its exit code
     */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("The invoker still runs after " + STARTUP.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /**
     * @return the jars of the deployment directory, which is what {@code gcloud functions deploy --source} uploads
     */
    static String deploymentClasspath() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target", "deployment"))) {
            List<String> jars = files.filter(file -> file.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("target/deployment has no jar: the package phase did not run");
            }
            return String.join(File.pathSeparator, jars);
        }
    }

    private void readOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    incoming.add(parse(line));
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "invoker-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static JsonNode parse(String line) {
        if (line.startsWith("{")) {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                // not JSON after all
            }
        }
        return JSON.createObjectNode().put("raw", line);
    }

    /**
     * The invoker says where it serves once the function is loaded (and so Quarkus started).
     */
    private void awaitServing() throws InterruptedException {
        String serving = "URL: http://localhost:" + port + "/";
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            JsonNode line = incoming.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                record(line);
                if (line.path("raw").asText().contains(serving)) {
                    return;
                }
            } else if (!process.isAlive()) {
                throw new AssertionError("The invoker exited with " + process.exitValue() + " before serving: " + lines);
            } else if (System.nanoTime() > deadline) {
                throw new AssertionError("The invoker did not serve within " + STARTUP.toSeconds() + " s: " + lines);
            }
        }
    }

    private synchronized void record(JsonNode line) {
        lines.add(line);
    }

    /**
     * Reads the output until a line matches, looking at the lines already read first; fails after 30 s.
     */
    synchronized JsonNode awaitLine(Predicate<JsonNode> wanted) throws InterruptedException {
        for (JsonNode seen : lines) {
            if (wanted.test(seen)) {
                return seen;
            }
        }
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode line = left > 0 ? incoming.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("No matching output line within " + LOG_WAIT.toSeconds() + " s; read: " + lines);
            }
            lines.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /**
     * @return the lines read so far; call {@link #awaitLine} for a later line first, so that the output up to it is in
     */
    synchronized List<JsonNode> lines() {
        return List.copyOf(lines);
    }

    /**
     * Predicate: a JSON log line written for this request id (the MDC, which the logging setting writes as
     * Cloud Logging's labels).
     */
    static Predicate<JsonNode> ofRequest(String requestId) {
        return line -> requestId.equals(line.path("logging.googleapis.com/labels").path("request_id").asText());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
