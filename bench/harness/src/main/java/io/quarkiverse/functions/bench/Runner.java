package io.quarkiverse.functions.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs one subject once, in a fresh process, and measures it from outside: its own Runtime API server (Lambda) or HTTP
 * client (HTTP), {@code /proc/<pid>/stat} for CPU time and {@code /proc/<pid>/status} for peak RSS.
 */
final class Runner {

    /** The flags of AWS's managed Java runtime (java17, java21). */
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx445m");
    private static final byte[] EVENT = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "Hello Ada!";
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Settings settings;
    private final Path ricDir;
    private final Path logs;

    Runner(Settings settings, Path ricDir, Path logs) {
        this.settings = settings;
        this.ricDir = ricDir;
        this.logs = logs;
    }

    record Settings(int warmInvocations, int httpWarmup, int httpRequests, int concurrency, long timeoutSeconds,
            boolean pin, List<String> jvmArgs) {
    }

    /**
     * @return the run's measures, or {@code null} when the subject does not run on this JDK
     */
    Map<String, Double> run(Subject subject, String jdkLabel, String java, int jdkFeature, int run) throws Exception {
        Path log = logs.resolve(jdkLabel + "-" + subject.id() + "-" + run + ".log");
        if (!subject.runsOn(jdkLabel, jdkFeature)) {
            return null;
        }
        if (!subject.mode().lambda()) {
            return http(subject, java, jdkFeature, log);
        }
        if (subject.mode() == Subject.Mode.LAMBDA_LOOP && subject.startupArchive()) {
            Path cache = logs.resolve(jdkLabel + "-" + subject.id() + ".aot").toAbsolutePath();
            if (!Files.exists(cache)) {
                // the training run: measured as any other, then thrown away; the JVM writes the cache as it exits
                lambda(subject, java, logs.resolve(jdkLabel + "-" + subject.id() + "-training.log"),
                        List.of("-XX:AOTCacheOutput=" + cache));
                if (!Files.exists(cache)) {
                    throw new IllegalStateException("the training run wrote no AOT cache " + cache);
                }
            }
            return lambda(subject, java, log, List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache));
        }
        return lambda(subject, java, log, List.of());
    }

    private List<String> jvm(String java, Path log) {
        List<String> command = new ArrayList<>(pin());
        command.add(java);
        command.addAll(JVM_FLAGS);
        String base = log.toString().replaceAll("\\.log$", "");
        for (String arg : settings.jvmArgs()) {
            command.add(arg.replace("{log}", base));
        }
        return command;
    }

    // ---- Lambda -------------------------------------------------------------------------------------------------

    private Map<String, Double> lambda(Subject subject, String java, Path log, List<String> extraJvmArgs)
            throws Exception {
        int total = 1 + settings.warmInvocations();
        Path task = Files.createTempDirectory("bench-task");
        RuntimeApi api = new RuntimeApi(total);
        Process process = null;
        try {
            List<String> command = jvm(java, log);
            if (subject.mode() == Subject.Mode.LAMBDA_BOOTSTRAP) {
                subject.unpackInto(task);
                // java.util.zip drops Unix modes: restore the executables
                for (Path executable : List.of(task.resolve("bootstrap"), task.resolve("jre/bin/java"),
                        task.resolve("jre/lib/jspawnhelper"))) {
                    if (Files.exists(executable)) {
                        executable.toFile().setExecutable(true);
                    }
                }
                command = new ArrayList<>(pin());
                command.add(task.resolve("bootstrap").toString());
            } else if (subject.mode() == Subject.Mode.LAMBDA_RIC) {
                subject.unpackInto(task);
                command.addAll(List.of("-cp", classpath(ricDir),
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", subject.handler()));
            } else {
                command.addAll(extraJvmArgs);
                command.addAll(List.of("-cp", subject.artifact().toString(), subject.mainClass()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            // what the managed runtime sets; the client's native part crashes without the function name, version, region
            env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.port());
            env.put("LAMBDA_TASK_ROOT", task.toString());
            env.put("LAMBDA_RUNTIME_DIR", ricDir.toString());
            // a custom runtime's Handler setting: for the bootstrap subject, the function
            env.put("_HANDLER", subject.handler() != null ? subject.handler()
                    : subject.mainClass() != null ? subject.mainClass() : "greet");
            env.put("AWS_LAMBDA_FUNCTION_NAME", "bench");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_DEFAULT_REGION", "eu-west-1");
            OtlpSink.putAll(env, subject.env());

            long start = System.nanoTime();
            process = builder.start();
            api.pid.complete(process.pid());
            Process watched = process;
            process.onExit().thenRun(() -> api.fail(new IllegalStateException("the process exited with "
                    + watched.exitValue() + " before the last response; see " + log)));

            api.done.get(settings.timeoutSeconds(), TimeUnit.SECONDS);
            double rss = peakRssMb(process.pid());

            Map<String, Double> m = new LinkedHashMap<>();
            m.put("init_ms", ms(api.firstNext - start));
            m.put("first_invocation_ms", ms(api.received[0] - api.dispatched[0]));
            m.put("cold_total_ms", ms(api.received[0] - start));
            m.put("cpu_at_first_next_ms", api.cpuAtFirstNext);
            m.put("cpu_at_first_response_ms", api.cpuAtFirstResponse);
            if (total > 1) {
                double[] warm = new double[total - 1];
                for (int i = 1; i < total; i++) {
                    warm[i - 1] = ms(api.received[i] - api.dispatched[i]);
                }
                Arrays.sort(warm);
                m.put("warm_p50_ms", percentile(warm, 50));
                m.put("warm_p99_ms", percentile(warm, 99));
            }
            m.put("peak_rss_mb", rss);
            return m;
        } finally {
            stop(process);
            api.close();
            deleteTree(task);
        }
    }

    /** The Runtime API of one run: hands out {@code total} events, then parks the next poll until the process stops. */
    private final class RuntimeApi implements AutoCloseable {
        final HttpServer server;
        final int total;
        final long[] dispatched;
        final long[] received;
        final CompletableFuture<Long> pid = new CompletableFuture<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CountDownLatch closing = new CountDownLatch(1);
        final AtomicInteger polls = new AtomicInteger();
        volatile long firstNext;
        volatile double cpuAtFirstNext;
        volatile double cpuAtFirstResponse;

        RuntimeApi(int total) throws IOException {
            this.total = total;
            this.dispatched = new long[total];
            this.received = new long[total];
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(daemon()));
            server.createContext("/2018-06-01/runtime/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void fail(Throwable failure) {
            done.completeExceptionally(failure);
        }

        private void handle(HttpExchange exchange) throws IOException {
            long now = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            try (exchange) {
                if (path.endsWith("/invocation/next")) {
                    next(exchange, now);
                    return;
                }
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(202, -1);
                if (path.endsWith("/response") && body.contains(EXPECTED)) {
                    int n = Integer.parseInt(path.substring(path.indexOf("/invocation/") + 12, path.lastIndexOf('/')));
                    received[n] = now;
                    if (n == 0) {
                        cpuAtFirstResponse = cpuMs(pid.join());
                    }
                    if (n == total - 1) {
                        done.complete(null);
                    }
                } else {
                    fail(new IllegalStateException("unexpected " + path + ": " + body));
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                if (closing.getCount() > 0) {
                    fail(e);
                }
            }
        }

        private void next(HttpExchange exchange, long now) throws IOException, InterruptedException {
            int n = polls.getAndIncrement();
            if (n == 0) {
                firstNext = now;
                cpuAtFirstNext = cpuMs(pid.join());
            }
            if (n >= total) {
                closing.await(); // no more events: the process is stopped while it waits, as Lambda freezes it
                return;
            }
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", Integer.toString(n));
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + 30_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:eu-west-1:123456789012:function:bench");
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            dispatched[n] = System.nanoTime();
            exchange.sendResponseHeaders(200, EVENT.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(EVENT);
            }
        }

        @Override
        public void close() {
            closing.countDown();
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private Map<String, Double> http(Subject subject, String java, int jdkFeature, Path log) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> command = jvm(java, log);
        Path workDir = subject.artifact().getParent();
        if (subject.mode() == Subject.Mode.HTTP_NATIVE) {
            command = new ArrayList<>(pin());
            command.add(subject.artifact().toString());
        } else if (subject.mainClass() != null) {
            command.addAll(List.of("-cp", subject.artifact().toString(), subject.mainClass()));
        } else if (subject.startupArchive()) {
            // as Quarkus documents it: from the quarkus-app directory, the archive named relative to it
            workDir = subject.artifact();
            command.addAll(subject.archiveOptions(jdkFeature));
            command.addAll(List.of("-jar", "quarkus-run.jar"));
        } else {
            command.addAll(List.of("-jar", subject.artifact().resolve("quarkus-run.jar").toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        OtlpSink.putAll(env, subject.env());
        URL url = new URL("http://127.0.0.1:" + port + "/greet");

        Process process = null;
        try {
            long start = System.nanoTime();
            process = builder.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
            long first;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the process exited with " + process.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no 200 within " + settings.timeoutSeconds() + " s; see " + log);
                }
                try {
                    if (post(url) == 200) {
                        first = System.nanoTime();
                        break;
                    }
                } catch (ConnectException e) {
                    // not listening yet
                }
                Thread.sleep(1);
            }
            double cpu = cpuMs(process.pid());

            load(url, settings.httpWarmup(), settings.concurrency());
            long loadStart = System.nanoTime();
            double[] latencies = load(url, settings.httpRequests(), settings.concurrency());
            double seconds = (System.nanoTime() - loadStart) / 1e9;
            Arrays.sort(latencies);

            Map<String, Double> m = new LinkedHashMap<>();
            m.put("first_200_ms", ms(first - start));
            m.put("cpu_at_first_200_ms", cpu);
            m.put("warm_p50_ms", percentile(latencies, 50));
            m.put("warm_p99_ms", percentile(latencies, 99));
            m.put("requests_per_s", latencies.length / seconds);
            m.put("peak_rss_mb", peakRssMb(process.pid()));
            return m;
        } finally {
            stop(process);
        }
    }

    /** One POST of the event; the body must be the greeting. Keeps the connection alive for the next request. */
    private static int post(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setConnectTimeout(1_000);
        connection.setReadTimeout(30_000);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(EVENT);
        }
        int status = connection.getResponseCode();
        InputStream stream = status < 400 ? connection.getInputStream() : connection.getErrorStream();
        String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        if (stream != null) {
            stream.close();
        }
        if (status == 200 && !body.contains(EXPECTED)) {
            throw new IllegalStateException("200 without the greeting: " + body);
        }
        return status;
    }

    /** {@code requests} POSTs over {@code concurrency} keep-alive connections; returns each one's latency in ms. */
    private static double[] load(URL url, int requests, int concurrency) throws Exception {
        double[] latencies = new double[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemon());
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i; (i = next.getAndIncrement()) < requests;) {
                        long t0 = System.nanoTime();
                        try {
                            int status = post(url);
                            if (status != 200) {
                                throw new IllegalStateException("status " + status);
                            }
                        } catch (IOException e) {
                            throw new IllegalStateException("request " + i + " failed: " + e, e);
                        }
                        latencies[i] = ms(System.nanoTime() - t0);
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        return latencies;
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private List<String> pin() {
        return settings.pin() ? List.of("taskset", "-c", "0") : List.of();
    }

    static boolean canPin() {
        return new File("/usr/bin/taskset").canExecute() && cpus() >= 2;
    }

    /** The machine's CPUs, not this process's: the harness itself may be pinned to one. */
    static int cpus() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return (int) lines.filter(l -> l.startsWith("processor")).count();
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String classpath(Path dir) throws IOException {
        try (Stream<Path> jars = Files.list(dir)) {
            return String.join(File.pathSeparator,
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString).toList());
        }
    }

    /** utime + stime of the process, from {@code /proc/<pid>/stat}; -1 where there is no procfs. */
    static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state(0) ... utime(11) stime(12)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmHWM from {@code /proc/<pid>/status}, in MiB; -1 where there is no procfs. */
    static double peakRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs
        }
        return -1;
    }

    private static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }
}
