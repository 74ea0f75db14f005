package io.quarkiverse.functions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark: every subject, on every JDK, in a fresh process per run, interleaved (A B C A B C ...), then a
 * markdown table and raw JSON. Nothing is asserted.
 *
 * <pre>
 * java -cp bench/harness/target/classes io.quarkiverse.functions.bench.Harness [options]
 *   --root DIR            repository root (default: .)
 *   --jdk LABEL=JAVA      a JDK to run the subjects on; repeat for several (default: this JVM). The label
 *                         "native" (its value: a description of the toolchain) adds the native subjects' column
 *   --runs N              runs per subject and JDK (default 7)
 *   --warm N              warm Lambda invocations after the first (default 300)
 *   --http-warmup N       HTTP requests sent and discarded after the first 200 (default 200)
 *   --http-requests N     HTTP requests measured (default 2000)
 *   --concurrency N       HTTP client connections (default 4)
 *   --only ID[,ID...]     run these subjects only
 *   --out DIR             where latest.md, latest.json and the process logs go (default bench/results)
 *   --docs FILE           also replace the table between the bench markers of FILE (docs/performance.md)
 *   --jvm-arg ARG         one more JVM option for every subject (analysis only, e.g. -Xlog:class+load:file=...);
 *                         "{log}" in it becomes the run's log path without ".log"
 *   --smoke               one run, 5 warm invocations, 20 HTTP requests: checks that every subject works
 * </pre>
 */
public final class Harness {

    private Harness() {
    }

    public static void main(String[] args) throws Exception {
        int failures = run(args);
        System.exit(failures == 0 ? 0 : 1);
    }

    /**
     * @return the number of failed runs (the table leaves them out)
     */
    public static int run(String... args) throws Exception {
        // Without it the Runtime API's header and body writes meet Nagle and delayed ACKs: 40 ms per invocation.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path root = Path.of(".");
        Map<String, String> jdks = new LinkedHashMap<>();
        int runs = 7;
        int warm = 300;
        int httpWarmup = 200;
        int httpRequests = 2000;
        int concurrency = 4;
        List<String> only = null;
        Path out = null;
        Path docs = null;
        boolean smoke = false;
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--jdk" -> {
                    String[] pair = args[++i].split("=", 2);
                    jdks.put(pair[0], pair[1]);
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warm" -> warm = Integer.parseInt(args[++i]);
                case "--http-warmup" -> httpWarmup = Integer.parseInt(args[++i]);
                case "--http-requests" -> httpRequests = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                case "--docs" -> docs = Path.of(args[++i]);
                case "--jvm-arg" -> jvmArgs.add(args[++i]);
                case "--smoke" -> smoke = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the Harness Javadoc");
            }
        }
        if (smoke) {
            runs = 1;
            warm = 5;
            httpWarmup = 5;
            httpRequests = 20;
            concurrency = 2;
        }
        root = root.toAbsolutePath().normalize();
        if (jdks.isEmpty()) {
            jdks.put(Integer.toString(Runtime.version().feature()),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        out = out == null ? root.resolve("bench/results") : out.toAbsolutePath();
        Path logs = out.resolve("logs");
        Files.createDirectories(logs);

        List<Subject> subjects = new ArrayList<>();
        boolean nativeColumn = jdks.containsKey(Subject.NATIVE);
        for (Subject s : Subject.all(root)) {
            if ((only == null || only.contains(s.id())) && (nativeColumn || !s.nativeImage())) {
                s.ensureBuilt();
                subjects.add(s);
            }
        }
        Path ric = root.resolve("bench/harness/target/runtime-interface-client");
        if (!Files.isDirectory(ric)) {
            throw new IllegalStateException(ric + " is missing: ./mvnw -B -ntp package -pl bench/harness -am");
        }
        boolean pin = Runner.canPin();
        Runner.Settings settings = new Runner.Settings(warm, httpWarmup, httpRequests, concurrency, smoke ? 120 : 300, pin,
                jvmArgs);
        Runner runner = new Runner(settings, ric, logs);

        Report report = new Report(subjects, jdks, settings, runs, smoke);
        report.machine(pin, load());
        Map<String, Integer> features = new LinkedHashMap<>();
        for (Map.Entry<String, String> jdk : jdks.entrySet()) {
            if (jdk.getKey().equals(Subject.NATIVE)) {
                report.jdkVersion(jdk.getKey(), jdk.getValue());
                features.put(jdk.getKey(), 0);
                continue;
            }
            report.jdkVersion(jdk.getKey(), javaVersion(jdk.getValue()));
            features.put(jdk.getKey(), javaFeature(jdk.getValue()));
        }
        int failures = 0;
        for (int run = 1; run <= runs; run++) {
            for (Map.Entry<String, String> jdk : jdks.entrySet()) {
                for (Subject subject : subjects) {
                    String what = "run " + run + "/" + runs + " JDK " + jdk.getKey() + " " + subject.id();
                    try {
                        Map<String, Double> metrics = runner.run(subject, jdk.getKey(), jdk.getValue(),
                                features.get(jdk.getKey()), run);
                        if (metrics == null) {
                            System.out.println(what + ": not on this JDK");
                            continue;
                        }
                        report.add(subject, jdk.getKey(), metrics);
                        System.out.println(what + ": " + metrics);
                    } catch (Exception e) {
                        failures++;
                        report.failure(subject, jdk.getKey(), run, e.toString());
                        System.out.println(what + ": FAILED " + e);
                    }
                }
            }
        }
        report.loadAfter(load());
        report.write(out.resolve("latest.md"), out.resolve("latest.json"), docs);
        System.out.println("wrote " + out.resolve("latest.md") + " and " + out.resolve("latest.json")
                + (docs == null ? "" : " and " + docs) + "; " + failures + " failed runs");
        return failures;
    }

    private static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return avg[0] + " " + avg[1] + " " + avg[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String javaVersion(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        String[] lines = text.split("\n");
        return lines.length > 1 ? lines[1].trim() : text.trim();
    }

    /** The feature version ({@code 17}, {@code 25}) of a java binary, from {@code java -version}. */
    private static int javaFeature(String java) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        Matcher version = Pattern.compile("version \"(1\\.)?(\\d+)").matcher(text);
        if (!version.find()) {
            throw new IllegalStateException("no version in the output of " + java + " -version: " + text);
        }
        return Integer.parseInt(version.group(2));
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
