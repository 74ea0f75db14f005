package io.quarkiverse.functions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the runs and writes them: a markdown table (median [min–max] per metric, ratios to stock Funqy and to the
 * floor) and raw JSON with every run.
 */
final class Report {

    static final String BEGIN = "<!-- bench:begin (written by bench/run.sh; do not edit by hand) -->";
    static final String END = "<!-- bench:end -->";

    private final List<Subject> subjects;
    private final Map<String, String> jdks;
    private final Runner.Settings settings;
    private final int runs;
    private final boolean smoke;
    private final Map<String, String> jdkVersions = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final String started = Harness.now();
    private boolean pinned;
    private String loadBefore;
    private String loadAfter;

    Report(List<Subject> subjects, Map<String, String> jdks, Runner.Settings settings, int runs, boolean smoke) {
        this.subjects = subjects;
        this.jdks = jdks;
        this.settings = settings;
        this.runs = runs;
        this.smoke = smoke;
    }

    void machine(boolean pinned, String load) {
        this.pinned = pinned;
        this.loadBefore = load;
    }

    void loadAfter(String load) {
        this.loadAfter = load;
    }

    void jdkVersion(String label, String version) {
        jdkVersions.put(label, version);
    }

    void add(Subject subject, String jdk, Map<String, Double> metrics) {
        results.computeIfAbsent(key(subject.id(), jdk), k -> new ArrayList<>()).add(metrics);
    }

    void failure(Subject subject, String jdk, int run, String message) {
        failures.add("JDK " + jdk + " " + subject.id() + " run " + run + ": " + message);
    }

    private static String key(String id, String jdk) {
        return id + "@" + jdk;
    }

    /** @return the median, min and max of one metric of one subject on one JDK, or null when it has no runs */
    double[] summary(String id, String jdk, String metric) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> run : results.getOrDefault(key(id, jdk), List.of())) {
            Double v = run.get(metric);
            if (v != null) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        Collections.sort(values);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        return new double[] { median, values.get(0), values.get(n - 1) };
    }

    void write(Path markdown, Path json, Path docs) throws IOException {
        String table = markdown();
        Files.writeString(markdown, table);
        Files.writeString(json, json());
        if (docs != null) {
            String page = Files.readString(docs);
            int begin = page.indexOf(BEGIN);
            int end = page.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(docs + " has no " + BEGIN + " ... " + END + " block to replace");
            }
            Files.writeString(docs, page.substring(0, begin) + BEGIN + "\n" + table + END + page.substring(end + END.length()));
        }
    }

    // ---- markdown -----------------------------------------------------------------------------------------------

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(smoke ? "Smoke run (one run per subject; the numbers mean nothing). " : "")
                .append("Measured ").append(started).append(", ").append(runs).append(" run(s) per subject and JDK, ")
                .append("subjects interleaved, a fresh process per run; cells are median [min–max]. ")
                .append("Machine: ").append(cpuModel()).append(", ").append(Runner.cpus())
                .append(" CPUs; ")
                .append(pinned ? "the function process pinned to CPU 0 with `taskset -c 0`" : "no CPU pinning")
                .append("; load average (1, 5, 15 min) before ").append(loadBefore).append(", after ").append(loadAfter)
                .append(".\n\n");
        for (Map.Entry<String, String> v : jdkVersions.entrySet()) {
            md.append("- JDK ").append(v.getKey()).append(": ").append(v.getValue()).append('\n');
        }
        md.append("- JVM flags of every subject (those of AWS's managed Java runtime): `")
                .append(String.join(" ", Runner.JVM_FLAGS)).append("`")
                .append(settings.jvmArgs().isEmpty() ? "" : ", plus (analysis run) `" + String.join(" ", settings.jvmArgs()) + "`")
                .append("\n\n");

        md.append("#### Lambda\n\nUnder AWS's runtime interface client 2.9.0 (the managed Java runtime: function.zip "
                + "unzipped as task dir and working dir), except the floor's own loop. Times in ms, CPU = user + system "
                + "time of the process, RSS = VmHWM in MiB; warm = ").append(settings.warmInvocations())
                .append(" invocations after the first, each timed from the event's dispatch to its response.\n\n");
        md.append("| subject | JDK | init: exec → first /next | first invocation | cold total: exec → first response "
                + "| cold total ÷ Funqy | cold total ÷ floor | CPU at first /next | CPU at first response | warm p50 "
                + "| warm p99 | peak RSS | artifact |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String jdk : jdks.keySet()) {
            for (Subject s : subjects) {
                if (!s.mode().lambda() || !results.containsKey(key(s.id(), jdk))) {
                    continue;
                }
                md.append("| ").append(s.label()).append(" | ").append(jdk);
                md.append(" | ").append(cell(s.id(), jdk, "init_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "first_invocation_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "cold_total_ms"));
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk, "cold_total_ms"));
                md.append(" | ").append(ratio(s.id(), s.floor(), jdk, "cold_total_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "cpu_at_first_next_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "cpu_at_first_response_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "warm_p50_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "warm_p99_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "peak_rss_mb"));
                md.append(" | ").append(size(s)).append(" |\n");
            }
        }

        md.append("\n#### HTTP\n\nExec → first 200 of `POST /greet`, polled every millisecond from another CPU; then ")
                .append(settings.httpWarmup()).append(" requests discarded and ").append(settings.httpRequests())
                .append(" measured over ").append(settings.concurrency())
                .append(" keep-alive connections. Times in ms, RSS = VmHWM in MiB.\n\n");
        md.append("| subject | JDK | exec → first 200 | ÷ Funqy | ÷ floor | CPU at first 200 | warm p50 | warm p99 "
                + "| requests/s | peak RSS | artifact |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String jdk : jdks.keySet()) {
            for (Subject s : subjects) {
                if (s.mode().lambda() || !results.containsKey(key(s.id(), jdk))) {
                    continue;
                }
                md.append("| ").append(s.label()).append(" | ").append(jdk);
                md.append(" | ").append(cell(s.id(), jdk, "first_200_ms"));
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk, "first_200_ms"));
                md.append(" | ").append(ratio(s.id(), s.floor(), jdk, "first_200_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "cpu_at_first_200_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "warm_p50_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "warm_p99_ms"));
                md.append(" | ").append(cell(s.id(), jdk, "requests_per_s"));
                md.append(" | ").append(cell(s.id(), jdk, "peak_rss_mb"));
                md.append(" | ").append(size(s)).append(" |\n");
            }
        }

        md.append("\n#### Quarkus Functions ÷ stock Funqy (medians; the targets of issue 6)\n\n");
        md.append("| subject | JDK | cold total or first 200 (target ≤ 1.0) | CPU at first /next (≤ 1.0) "
                + "| CPU at first response or 200 | warm p50 (≤ 1.1) | peak RSS (≤ 1.0) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String jdk : jdks.keySet()) {
            for (Subject s : subjects) {
                if (s.funqy() == null || !results.containsKey(key(s.id(), jdk))) {
                    continue;
                }
                boolean lambda = s.mode().lambda();
                md.append("| ").append(lambda ? "Lambda: " : "HTTP: ").append(s.label()).append(" | ").append(jdk);
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk, lambda ? "cold_total_ms" : "first_200_ms"));
                md.append(" | ").append(lambda ? ratio(s.id(), s.funqy(), jdk, "cpu_at_first_next_ms") : "–");
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk,
                        lambda ? "cpu_at_first_response_ms" : "cpu_at_first_200_ms"));
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk, "warm_p50_ms"));
                md.append(" | ").append(ratio(s.id(), s.funqy(), jdk, "peak_rss_mb")).append(" |\n");
            }
        }
        if (!failures.isEmpty()) {
            md.append("\nFailed runs (left out of the table):\n\n");
            for (String f : failures) {
                md.append("- ").append(f.replace("|", "\\|")).append('\n');
            }
        }
        return md.toString();
    }

    private String cell(String id, String jdk, String metric) {
        double[] s = summary(id, jdk, metric);
        if (s == null) {
            return "–";
        }
        if (runs == 1 || s[1] == s[2]) {
            return number(s[0]);
        }
        return number(s[0]) + " [" + number(s[1]) + "–" + number(s[2]) + "]";
    }

    private String ratio(String id, String reference, String jdk, String metric) {
        if (reference == null) {
            return "–";
        }
        double[] a = summary(id, jdk, metric);
        double[] b = summary(reference, jdk, metric);
        if (a == null || b == null || b[0] <= 0 || a[0] < 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", a[0] / b[0]);
    }

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String size(Subject s) {
        long bytes = s.artifactBytes();
        String what;
        if (s.mode() == Subject.Mode.HTTP_NATIVE) {
            what = "executable + its .so files";
        } else if (Files.isDirectory(s.artifact())) {
            what = s.nativeImage() ? "bootstrap + its .so files" : "quarkus-app/";
        } else {
            what = s.artifact().getFileName().toString();
            what = what.endsWith(".jar") ? "jar" : what;
        }
        return bytes < 1048576 ? String.format(Locale.ROOT, "%.1f KiB (%s)", bytes / 1024.0, what)
                : String.format(Locale.ROOT, "%.1f MiB (%s)", bytes / 1048576.0, what);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    // ---- JSON ---------------------------------------------------------------------------------------------------

    private String json() {
        StringBuilder j = new StringBuilder();
        j.append("{\n  \"started\": ").append(q(started)).append(",\n  \"finished\": ").append(q(Harness.now()))
                .append(",\n  \"smoke\": ").append(smoke).append(",\n  \"runs\": ").append(runs)
                .append(",\n  \"machine\": {\"cpu\": ").append(q(cpuModel())).append(", \"cpus\": ")
                .append(Runner.cpus()).append(", \"pinned\": ").append(pinned)
                .append(", \"load_before\": ").append(q(loadBefore)).append(", \"load_after\": ").append(q(loadAfter))
                .append("},\n  \"settings\": {\"jvm_flags\": ").append(q(String.join(" ", Runner.JVM_FLAGS)))
                .append(", \"warm_invocations\": ").append(settings.warmInvocations())
                .append(", \"http_warmup\": ").append(settings.httpWarmup())
                .append(", \"http_requests\": ").append(settings.httpRequests())
                .append(", \"concurrency\": ").append(settings.concurrency()).append("},\n  \"jdks\": {");
        String sep = "";
        for (Map.Entry<String, String> v : jdkVersions.entrySet()) {
            j.append(sep).append(q(v.getKey())).append(": {\"java\": ").append(q(jdks.get(v.getKey())))
                    .append(", \"version\": ").append(q(v.getValue())).append('}');
            sep = ", ";
        }
        j.append("},\n  \"subjects\": [");
        sep = "\n";
        for (String jdk : jdks.keySet()) {
            for (Subject s : subjects) {
                j.append(sep).append("    {\"id\": ").append(q(s.id())).append(", \"label\": ").append(q(s.label()))
                        .append(", \"mode\": ").append(q(s.mode().name())).append(", \"jdk\": ").append(q(jdk))
                        .append(", \"artifact\": ").append(q(s.artifact().getFileName().toString()))
                        .append(", \"artifact_bytes\": ").append(s.artifactBytes()).append(", \"runs\": [");
                String rs = "";
                for (Map<String, Double> run : results.getOrDefault(key(s.id(), jdk), List.of())) {
                    j.append(rs).append('{');
                    String ms = "";
                    for (Map.Entry<String, Double> m : run.entrySet()) {
                        j.append(ms).append(q(m.getKey())).append(": ")
                                .append(String.format(Locale.ROOT, "%.3f", m.getValue()));
                        ms = ", ";
                    }
                    j.append('}');
                    rs = ", ";
                }
                j.append("]}");
                sep = ",\n";
            }
        }
        j.append("\n  ],\n  \"failures\": [");
        sep = "";
        for (String f : failures) {
            j.append(sep).append(q(f));
            sep = ", ";
        }
        return j.append("]\n}\n").toString();
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : String.valueOf(s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
