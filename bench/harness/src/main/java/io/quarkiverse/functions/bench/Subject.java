package io.quarkiverse.functions.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One thing the harness starts: how to lay it out, how to start it, and what it ships.
 *
 * @param id short name used in the JSON and the table
 * @param label what the table calls it
 * @param mode Lambda (under the runtime interface client, or its own poll loop) or HTTP
 * @param artifact what a user deploys: function.zip, a quarkus-app directory or a jar
 * @param handler the Lambda handler (runtime interface client only)
 * @param mainClass the main class of a floor subject
 * @param env extra environment, as set on the deployed function
 * @param funqy the stock Funqy subject this one is compared with ({@code null} for the reference subjects)
 * @param floor the bare-JVM subject this one is compared with
 * @param startupArchive HTTP: whether the quarkus-app directory carries Quarkus's start-up archives, used as Quarkus
 *        documents: {@code app.aot} (the AOT cache its integration tests recorded) on JDK 25 and later,
 *        {@code app-cds.jsa} (the AppCDS archive its build wrote) before. Lambda's own loop: an AOT cache that the
 *        harness trains with one unmeasured run on JDK 25 and later; the subject has no rows on older JDKs
 */
record Subject(String id, String label, Mode mode, Path artifact, String handler, String mainClass, Map<String, String> env,
        String funqy, String floor, boolean startupArchive) {

    Subject(String id, String label, Mode mode, Path artifact, String handler, String mainClass, Map<String, String> env,
            String funqy, String floor) {
        this(id, label, mode, artifact, handler, mainClass, env, funqy, floor, false);
    }

    enum Mode {
        /** The managed Java runtime: AWS's runtime interface client loads the handler from the unzipped task dir. */
        LAMBDA_RIC,
        /** A custom runtime: the subject's own Runtime API loop. */
        LAMBDA_LOOP,
        /** A self-contained custom runtime zip: its {@code bootstrap}, which brings its own JDK. */
        LAMBDA_BOOTSTRAP,
        /** {@code java -jar quarkus-run.jar}, or a main class on the floor jar. */
        HTTP,
        /** A native executable serving HTTP, run from a directory with the libraries it ships: a container. */
        HTTP_NATIVE;

        boolean lambda() {
            return this != HTTP && this != HTTP_NATIVE;
        }
    }

    /** The "JDK" label of the native subjects: they run once, on no JVM, in a column of their own. */
    static final String NATIVE = "native";

    static final String FUNCTIONS_HANDLER = "io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler::handleRequest";
    static final String FUNQY_HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";

    static List<Subject> all(Path root) {
        Path floorJar = root.resolve("bench/floor/target/quarkus-functions-bench-floor-999-SNAPSHOT.jar");
        String floorPackage = "io.quarkiverse.functions.bench.floor.";
        return List.of(
                new Subject("lambda-floor", "bare JVM: own Runtime API loop", Mode.LAMBDA_LOOP, floorJar, null,
                        floorPackage + "FloorRuntime", Map.of(), null, null),
                new Subject("lambda-floor-aot", "bare JVM: own Runtime API loop, AOT cache (JDK 25 only)",
                        Mode.LAMBDA_LOOP, floorJar, null, floorPackage + "FloorRuntime", Map.of(), null, "lambda-floor",
                        true),
                new Subject("lambda-floor-ric", "bare JVM: plain handler under the RIC", Mode.LAMBDA_RIC, floorJar,
                        floorPackage + "FloorHandler::handleRequest", null, Map.of(), null, "lambda-floor"),
                new Subject("lambda-funqy", "stock Funqy (quarkus-funqy-amazon-lambda)", Mode.LAMBDA_RIC,
                        root.resolve("bench/funqy-lambda/target/function.zip"), FUNQY_HANDLER, null, Map.of(), null,
                        "lambda-floor"),
                new Subject("lambda-functions-greet", "Quarkus Functions, greet only", Mode.LAMBDA_RIC,
                        root.resolve("bench/functions-lambda/target/function.zip"), FUNCTIONS_HANDLER, null, Map.of(),
                        "lambda-funqy", "lambda-floor"),
                new Subject("lambda-functions-greet-aot",
                        "Quarkus Functions, greet only, JVM custom runtime: bundled JDK 25 + AOT cache (whatever the row's JDK)",
                        Mode.LAMBDA_BOOTSTRAP, root.resolve("bench/functions-lambda/target/function-jvm-custom-runtime.zip"),
                        null, null, Map.of(), "lambda-funqy", "lambda-floor-aot"),
                new Subject("lambda-functions-greet-otel", "Quarkus Functions, greet only, with quarkus-opentelemetry (OTLP/HTTP)",
                        Mode.LAMBDA_RIC, root.resolve("bench/functions-lambda-otel/target/function.zip"), FUNCTIONS_HANDLER,
                        null, Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", OtlpSink.ENDPOINT), "lambda-funqy",
                        "lambda-floor"),
                new Subject("lambda-functions-example", "Quarkus Functions, example app as packaged", Mode.LAMBDA_RIC,
                        root.resolve("integration-tests/amazon-lambda/target/function.zip"), FUNCTIONS_HANDLER, null,
                        Map.of("QUARKUS_FUNCTIONS_EXPORT", "greet"), "lambda-funqy", "lambda-floor"),
                new Subject("lambda-functions-aot",
                        "Quarkus Functions, example app, JVM custom runtime: bundled JDK 25 + AOT cache (whatever the row's JDK)",
                        Mode.LAMBDA_BOOTSTRAP,
                        root.resolve("integration-tests/amazon-lambda/target/function-jvm-custom-runtime.zip"), null, null,
                        Map.of("QUARKUS_FUNCTIONS_EXPORT", "greet"), "lambda-funqy", "lambda-floor-aot"),
                new Subject("http-floor", "bare JVM: com.sun.net.httpserver", Mode.HTTP, floorJar, null,
                        floorPackage + "FloorHttp", Map.of(), null, null),
                new Subject("http-funqy", "stock Funqy (quarkus-funqy-http)", Mode.HTTP,
                        root.resolve("bench/funqy-http/target/quarkus-app"), null, null, Map.of(), null, "http-floor"),
                new Subject("http-functions-greet", "Quarkus Functions, greet only", Mode.HTTP,
                        root.resolve("bench/functions-http/target/quarkus-app"), null, null, Map.of(), "http-funqy",
                        "http-floor"),
                new Subject("http-functions-greet-aot",
                        "Quarkus Functions, greet only, aot-jar: AOT cache trained by its IT (JDK 25), build-time AppCDS (JDK 17)",
                        Mode.HTTP, root.resolve("bench/functions-http-aot/target/quarkus-app"), null, null, Map.of(),
                        "http-funqy", "http-floor", true),
                new Subject("http-functions-greet-otel", "Quarkus Functions, greet only, with quarkus-opentelemetry (OTLP/HTTP)",
                        Mode.HTTP, root.resolve("bench/functions-http-otel/target/quarkus-app"), null, null,
                        Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", OtlpSink.ENDPOINT), "http-funqy", "http-floor"),
                new Subject("http-functions-example", "Quarkus Functions, example app as packaged", Mode.HTTP,
                        root.resolve("integration-tests/http/target/quarkus-app"), null, null, Map.of(), "http-funqy",
                        "http-floor"),
                // native executables (bench/run.sh builds them into target/native/ with -Dbench.native)
                new Subject("lambda-floor-native", "native floor: own Runtime API loop", Mode.LAMBDA_BOOTSTRAP,
                        root.resolve("bench/floor/target/native/lambda"), null, null, Map.of(), null, null),
                new Subject("lambda-funqy-native", "stock Funqy native (quarkus-funqy-amazon-lambda)", Mode.LAMBDA_BOOTSTRAP,
                        root.resolve("bench/funqy-lambda/target/native/function.zip"), null, null, Map.of(), null,
                        "lambda-floor-native"),
                new Subject("lambda-functions-greet-native", "Quarkus Functions native, greet only", Mode.LAMBDA_BOOTSTRAP,
                        root.resolve("bench/functions-lambda/target/native/function.zip"), null, null, Map.of(),
                        "lambda-funqy-native", "lambda-floor-native"),
                new Subject("http-funqy-native", "stock Funqy native (quarkus-funqy-http)", Mode.HTTP_NATIVE,
                        root.resolve("bench/funqy-http/target/native/quarkus-functions-bench-funqy-http-999-SNAPSHOT-runner"),
                        null, null, Map.of(), null, null),
                new Subject("http-functions-greet-native", "Quarkus Functions native, greet only", Mode.HTTP_NATIVE,
                        root.resolve("bench/functions-http/target/native/quarkus-functions-bench-functions-http-999-SNAPSHOT-runner"),
                        null, null, Map.of(), "http-funqy-native", null),
                new Subject("lambda-functions-greet-otel-native",
                        "Quarkus Functions native, greet only, with quarkus-opentelemetry (OTLP/HTTP)", Mode.LAMBDA_BOOTSTRAP,
                        root.resolve("bench/functions-lambda-otel/target/native/function.zip"), null, null,
                        Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", OtlpSink.ENDPOINT), "lambda-funqy-native",
                        "lambda-floor-native"),
                new Subject("http-functions-greet-otel-native",
                        "Quarkus Functions native, greet only, with quarkus-opentelemetry (OTLP/HTTP)", Mode.HTTP_NATIVE,
                        root.resolve("bench/functions-http-otel/target/native/quarkus-functions-bench-functions-http-otel-999-SNAPSHOT-runner"),
                        null, null, Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", OtlpSink.ENDPOINT), "http-funqy-native",
                        null));
    }

    /** A native executable (a bootstrap in a zip or a directory, or an HTTP executable), not a JVM application. */
    boolean nativeImage() {
        return mode == Mode.HTTP_NATIVE || mode == Mode.LAMBDA_BOOTSTRAP && id.endsWith("-native");
    }

    /**
     * @return the bytes a user deploys: the zip, the jar, or every file of the quarkus-app directory
     */
    long artifactBytes() {
        try {
            if (mode == Mode.HTTP_NATIVE) {
                // the executable and the shared libraries shipped beside it: what the container holds
                try (Stream<Path> files = Files.list(artifact.getParent())) {
                    return Files.size(artifact) + files.filter(p -> p.toString().endsWith(".so")).mapToLong(Subject::size).sum();
                }
            }
            if (Files.isDirectory(artifact)) {
                try (Stream<Path> files = Files.walk(artifact)) {
                    return files.filter(Files::isRegularFile).mapToLong(Subject::size).sum();
                }
            }
            return Files.size(artifact);
        } catch (IOException e) {
            throw new UncheckedIOException("Measuring the artifact " + artifact + " failed", e);
        }
    }

    /**
     * The JVM options that load the subject's start-up archive on a JDK of this feature version, with the mode that
     * makes the JVM exit when the archive cannot be used: a run never silently measures the app without it. The paths
     * are relative: Quarkus runs the app from the quarkus-app directory when it writes the AppCDS archive, and the run
     * must do the same ({@code cd target/quarkus-app && java -XX:SharedArchiveFile=app-cds.jsa -jar quarkus-run.jar}).
     */
    List<String> archiveOptions(int jdkFeature) {
        if (!startupArchive) {
            return List.of();
        }
        String name = jdkFeature >= 25 ? "app.aot" : "app-cds.jsa";
        Path archive = artifact.resolve(name);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Subject " + id + ": " + archive + " is missing. "
                    + (jdkFeature >= 25 ? "The training run writes it: ./mvnw verify in " + module() + ", with JDK 25"
                            : "Quarkus writes it when it builds " + module() + " on JDK 17"));
        }
        return jdkFeature >= 25 ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + name)
                : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + name);
    }

    /**
     * Whether the subject has rows in this column: native subjects in the "native" one only, JVM subjects on JDKs, the
     * floor with an AOT cache on JDK 25 and later.
     */
    boolean runsOn(String jdkLabel, int jdkFeature) {
        if (nativeImage() || NATIVE.equals(jdkLabel)) {
            return nativeImage() && NATIVE.equals(jdkLabel);
        }
        return !(mode == Mode.LAMBDA_LOOP && startupArchive) || jdkFeature >= 25;
    }

    /** The Maven module that builds a quarkus-app artifact: {@code <module>/target/quarkus-app}. */
    private String module() {
        return artifact.getParent().getParent().toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Measuring " + file + " failed", e);
        }
    }

    /**
     * Lays the artifact out as Lambda does: function.zip unzipped into the task dir, a bare jar under {@code lib/}.
     */
    void unpackInto(Path task) throws IOException {
        if (Files.isDirectory(artifact)) {
            try (Stream<Path> files = Files.list(artifact)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, task.resolve(file.getFileName()));
                }
            }
        } else if (artifact.toString().endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(artifact))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                    Path target = task.resolve(entry.getName()).normalize();
                    if (!target.startsWith(task)) {
                        throw new IOException("zip entry outside the task dir: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        copy(zip, target);
                        // keep the zip's times, as Lambda does (an AOT cache checks them)
                        if (entry.getLastModifiedTime() != null) {
                            Files.setLastModifiedTime(target, entry.getLastModifiedTime());
                        }
                    }
                }
            }
        } else {
            Files.createDirectories(task.resolve("lib"));
            Files.copy(artifact, task.resolve("lib").resolve(artifact.getFileName()));
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }

    Path ensureBuilt() {
        if (!Files.exists(artifact)) {
            throw new IllegalStateException("Subject " + id + ": " + artifact + " is missing. Build the subjects first: "
                    + (nativeImage() ? "bench/run.sh builds the native ones (-Dnative -Dbench.native)"
                            : "./mvnw -B -ntp package -DskipTests -pl bench/harness -am"));
        }
        return artifact;
    }
}
