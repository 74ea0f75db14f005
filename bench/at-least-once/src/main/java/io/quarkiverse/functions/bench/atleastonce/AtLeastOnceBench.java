package io.quarkiverse.functions.bench.atleastonce;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkiverse.functions.kafka.testbroker.KafkaBroker;
import io.quarkiverse.functions.redis.testserver.RedisServer;

/**
 * What at-least-once safety costs, on the packaged HTTP example apps, from outside:
 * <ul>
 * <li>the latency of an idempotent call (a first delivery: claim and record; a repeat: replay) against the same
 * function called without a key, with the in-memory store (integration-tests/http) and with Redis
 * (integration-tests/http-scale-out);</li>
 * <li>the async bridge's throughput, jobs accepted and completed per second, one instance, with the in-process queue
 * and with Kafka.</li>
 * </ul>
 * Sequential calls for latency (one client, after a warm-up); for throughput, {@value #CLIENTS} concurrent clients,
 * after a warm-up round of half as many jobs. The client (the JDK's HTTP client) shares the machine's cores with the
 * app: on 2 cores it bounds the rates too (synchronous {@code POST /greet} by the same client: about 1,400/s).
 * Writes a markdown table to stdout and to the file given as first argument.
 */
public final class AtLeastOnceBench {

    static final int CLIENTS = 16;
    private static final int WARMUP = 3000;
    private static final int CALLS = 3000;
    private static final String CHARGE = "{\"orderId\":\"o-%s\",\"amountCents\":1250}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run).build();
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        // with bench.workers=0 the warm-up's jobs stay queued: give the queues room for them too
        int jobs = Integer.getInteger("bench.jobs", 5000);
        // bench.workers=0: accepting alone (the jobs wait, unrun); bench.kafka=false: the in-memory app only
        int workers = Integer.getInteger("bench.workers", 8);
        boolean kafka = Boolean.parseBoolean(System.getProperty("bench.kafka", "true"));
        AtLeastOnceBench bench = new AtLeastOnceBench();
        bench.line("| app | store / queue | case | p50 µs | p99 µs | calls |");
        bench.line("| --- | --- | --- | --- | --- | --- |");
        List<String> throughput = new ArrayList<>();
        try (App app = App.start(repo.resolve("integration-tests/http"), List.of(
                "-Dquarkus.functions.jobs.capacity=" + (jobs * 3), "-Dquarkus.functions.jobs.concurrency=" + workers))) {
            bench.latencies(app, "in-memory store");
            bench.throughput(app, "warm-up", jobs / 2, workers);
            throughput.add(bench.throughput(app, "in-process queue", jobs, workers));
        }
        if (!kafka) {
            bench.table(throughput, args);
            return;
        }
        int redisPort = RedisServer.start(null);
        try (KafkaBroker broker = KafkaBroker.start();
                App app = App.start(repo.resolve("integration-tests/http-scale-out"), List.of(
                        "-Dquarkus.redis.hosts=redis://127.0.0.1:" + redisPort,
                        "-Dquarkus.functions.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "-Dquarkus.functions.kafka.capacity=" + (jobs * 3),
                        "-Dquarkus.functions.jobs.concurrency=" + workers))) {
            bench.latencies(app, "Redis store");
            bench.throughput(app, "warm-up", jobs / 2, workers);
            throughput.add(bench.throughput(app, "Kafka queue, Redis states", jobs, workers));
        } finally {
            RedisServer.stop();
        }
        bench.table(throughput, args);
    }

    private void table(List<String> throughput, String[] args) throws IOException {
        line("");
        line("| queue | jobs | workers | clients | accepted/s | completed/s | refused (503) | failed |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String row : throughput) {
            line(row);
        }
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), report);
        }
    }

    /**
     * The four cases interleaved, call by call, so that the JIT's progress and the machine's other load fall on each
     * case alike; after a warm-up of every case.
     */
    private void latencies(App app, String store) throws Exception {
        String name = app.dir.getFileName().toString();
        String key = UUID.randomUUID().toString();
        expectOk(post(app, "/charge", String.format(CHARGE, "replayed"), key));
        String[] names = { "greet (not idempotent)", "charge, no key (runs unprotected)",
                "charge, first delivery of a key", "charge, repeat (replayed)" };
        Call[] cases = {
                i -> post(app, "/greet", "{\"name\":\"Ada\"}", null),
                i -> post(app, "/charge", String.format(CHARGE, i), null),
                i -> post(app, "/charge", String.format(CHARGE, i), UUID.randomUUID().toString()),
                i -> post(app, "/charge", String.format(CHARGE, "replayed"), key) };
        for (int i = 0; i < WARMUP; i++) {
            for (Call call : cases) {
                expectOk(call.run(-i - 1));
            }
        }
        long[][] nanos = new long[cases.length][CALLS];
        for (int i = 0; i < CALLS; i++) {
            for (int c = 0; c < cases.length; c++) {
                long start = System.nanoTime();
                HttpResponse<String> response = cases[c].run(i);
                nanos[c][i] = System.nanoTime() - start;
                expectOk(response);
            }
        }
        for (int c = 0; c < cases.length; c++) {
            Arrays.sort(nanos[c]);
            line(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d |", name, store, names[c],
                    nanos[c][CALLS / 2] / 1000, nanos[c][CALLS * 99 / 100] / 1000, CALLS));
        }
    }

    interface Call {
        HttpResponse<String> run(int i) throws Exception;
    }

    private String throughput(App app, String queue, int jobs, int workers) throws Exception {
        Semaphore clients = new Semaphore(CLIENTS);
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<String>> accepted = new ArrayList<>(jobs);
        long start = System.nanoTime();
        for (int i = 0; i < jobs; i++) {
            clients.acquire();
            HttpRequest request = HttpRequest.newBuilder(app.uri("/greet")).header("Content-Type", "application/json")
                    .header("Prefer", "respond-async").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"j" + i + "\"}"))
                    .build();
            accepted.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                clients.release();
                if (failure != null || response.statusCode() != 202) {
                    refused.incrementAndGet();
                    return null;
                }
                return response.headers().firstValue("Location").orElse(null);
            }));
        }
        List<String> locations = new ArrayList<>(jobs);
        for (CompletableFuture<String> location : accepted) {
            String value = location.join();
            if (value != null) {
                locations.add(value);
            }
        }
        long acceptedNanos = System.nanoTime() - start;
        if (workers == 0) {
            return String.format(Locale.ROOT, "| %s | %d | 0 | %d | %.0f | - | %d | - |", queue, jobs, CLIENTS,
                    locations.size() / (acceptedNanos / 1e9), refused.get());
        }
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> done = new ArrayList<>(locations.size());
        for (String location : locations) {
            clients.acquire();
            HttpRequest request = HttpRequest.newBuilder(app.uri(location)).header("Prefer", "wait=60").GET().build();
            done.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                clients.release();
                if (failure != null || !response.body().contains("\"status\":\"succeeded\"")) {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).join();
        long completedNanos = System.nanoTime() - start;
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f | %d | %d |", queue, jobs, workers, CLIENTS,
                locations.size() / (acceptedNanos / 1e9), (locations.size() - failed.get()) / (completedNanos / 1e9),
                refused.get(), failed.get());
    }

    private HttpResponse<String> post(App app, String path, String body, String key) throws IOException,
            InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Expected 200, got " + response.statusCode() + ": " + response.body());
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** A packaged app (target/quarkus-app/quarkus-run.jar) on a free port, ready when its readiness answers. */
    static final class App implements AutoCloseable {
        final Path dir;
        final Process process;
        final int port;

        private App(Path dir, Process process, int port) {
            this.dir = dir;
            this.process = process;
            this.port = port;
        }

        static App start(Path dir, List<String> properties) throws Exception {
            int port = KafkaBroker.freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Dquarkus.http.port=" + port);
            command.add("-Dquarkus.log.level=WARN");
            command.addAll(properties);
            command.add("-jar");
            command.add(dir.resolve("target/quarkus-app/quarkus-run.jar").toString());
            Path log = dir.resolve("target/bench-at-least-once.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            App app = new App(dir, process, port);
            HttpClient probe = HttpClient.newHttpClient();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    HttpResponse<String> ready = probe.send(HttpRequest.newBuilder(app.uri("/greet"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"probe\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return app;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!process.isAlive() || System.nanoTime() - until > 0) {
                    app.close();
                    throw new IllegalStateException(dir + " did not start; see " + log);
                }
                Thread.sleep(50); // a start-up probe of a bench, not a test
            }
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
