package io.quarkiverse.functions.amazonlambda.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkiverse.functions.amazonlambda.runtime.CustomRuntimePollLoop;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaBuildTimeConfig;
import io.quarkiverse.functions.deployment.FunctionCatalogBuildItem;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.pkg.builditem.ArtifactResultBuildItem;
import io.quarkus.deployment.pkg.builditem.JarBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;

/**
 * Builds {@code function-jvm-custom-runtime.zip} for {@code provided.al2023}: the application, a {@code jlink}ed JDK 25+
 * runtime, a {@code bootstrap} that starts it with an AOT cache (JEP 483/514/515), and the cache itself, trained here by
 * running the packaged application under Quarkus's poll loop against a Runtime API of this step's own, which sends one
 * HTTP API event per function.
 */
class JvmCustomRuntimeProcessor {

    private static final Logger LOG = Logger.getLogger(JvmCustomRuntimeProcessor.class);
    static final String ZIP = "function-jvm-custom-runtime.zip";
    static final String JVM_FLAGS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /**
     * The JVM refuses an AOT cache when a jar's modification time differs from training: every file gets this time,
     * in the task directory and in the zip, so that an extraction that keeps zip times (as Lambda's does) matches.
     */
    static final java.time.Instant FILE_TIME = java.time.Instant.parse("2020-01-01T00:00:00Z");

    static final class Enabled implements BooleanSupplier {
        private final FunctionsLambdaBuildTimeConfig config;

        Enabled(FunctionsLambdaBuildTimeConfig config) {
            this.config = config;
        }

        @Override
        public boolean getAsBoolean() {
            return config.jvmCustomRuntime().enabled();
        }
    }

    @BuildStep(onlyIf = Enabled.class)
    ArtifactResultBuildItem jvmCustomRuntime(JarBuildItem jar, OutputTargetBuildItem target, FunctionCatalogBuildItem catalog,
            FunctionsLambdaBuildTimeConfig config) {
        Path jdk = Path.of(config.jvmCustomRuntime().jdk().orElse(System.getProperty("java.home")));
        Path jlink = jdk.resolve("bin/jlink");
        if (!Files.isExecutable(jlink) || Runtime.version().feature() < 25 && config.jvmCustomRuntime().jdk().isEmpty()) {
            throw new IllegalStateException("quarkus.functions.amazon-lambda.jvm-custom-runtime.enabled needs a JDK 25 or"
                    + " newer with jlink; " + jdk + " is not one. Set quarkus.functions.amazon-lambda.jvm-custom-runtime.jdk"
                    + " to its home, or build with it.");
        }
        if (jar.getLibraryDir() == null) {
            throw new IllegalStateException("The JVM custom runtime needs the legacy-jar layout (runner jar and lib/)");
        }
        Path work = target.getOutputDirectory().resolve("jvm-custom-runtime");
        Path task = work.resolve("task");
        try {
            delete(work);
            Files.createDirectories(task);
            Files.copy(jar.getPath(), task.resolve(jar.getPath().getFileName()));
            copyTree(jar.getLibraryDir(), task.resolve("lib"));
            run(List.of(jlink.toString(), "--add-modules", String.join(",", config.jvmCustomRuntime().modules()),
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", task.resolve("jre").toString()),
                    work, 120);
            String runner = jar.getPath().getFileName().toString();
            Path bootstrap = task.resolve("bootstrap");
            // no PATH on Lambda's side: only shell built-ins and relative paths
            Files.writeString(bootstrap, "#!/bin/sh\ncd \"${0%/*}\" || exit 1\nexec ./jre/bin/java -XX:AOTCache=app.aot "
                    + JVM_FLAGS + " -D" + CustomRuntimePollLoop.ENABLED + "=true -jar " + runner + "\n",
                    StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(bootstrap, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            stampFiles(task);
            train(task, runner, catalog);
            Path zip = target.getOutputDirectory().resolve(ZIP);
            zip(task, zip);
            LOG.infof("Wrote %s (%d bytes): a JDK 25 runtime, an AOT cache and the application", zip, Files.size(zip));
            return new ArtifactResultBuildItem(zip, "lambda-jvm-custom-runtime", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Building the Lambda JVM custom runtime in " + work, e);
        }
    }

    /**
     * Runs the application once, as the custom runtime will, and invokes every function: the JVM writes the AOT
     * cache ({@code -XX:AOTCacheOutput}) when it exits.
     */
    private static void train(Path task, String runner, FunctionCatalogBuildItem catalog) throws IOException {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        for (FunctionSpec function : catalog.getFunctions()) {
            events.add(httpApiEvent(function.getName()));
        }
        int expected = events.size();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        int[] responses = { 0 };
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        api.setExecutor(threads);
        api.createContext("/2018-06-01/runtime/", exchange -> handle(exchange, events, responses, expected, answered));
        api.start();
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(task.resolve("jre/bin/java").toString(),
                    "-XX:AOTCacheOutput=app.aot", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-D" + CustomRuntimePollLoop.ENABLED + "=true", "-jar", runner))
                    .directory(task.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(task.getParent().resolve("training.log").toFile());
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
            Process process = builder.start();
            try {
                answered.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new IllegalStateException("Training the AOT cache: the application did not answer every function;"
                        + " see " + task.getParent().resolve("training.log"), e);
            }
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Training the AOT cache: the application did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Training the AOT cache was interrupted", e);
        } finally {
            api.stop(0);
            threads.shutdownNow();
        }
        if (!Files.exists(task.resolve("app.aot"))) {
            throw new IllegalStateException("Training ran but wrote no AOT cache; see " + task.getParent().resolve("training.log"));
        }
    }

    private static void handle(HttpExchange exchange, LinkedBlockingQueue<String> events, int[] responses, int expected,
            CompletableFuture<Void> answered) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/invocation/next")) {
                String event = events.take();
                byte[] body = event.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "training-" + System.nanoTime());
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + 60_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:training");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(202, -1);
            synchronized (responses) {
                if (++responses[0] == expected) {
                    answered.complete(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An HTTP API (v2) event for {@code POST /<function>} with an empty object: it takes the path through decoding,
     * routing, the invoker, validation, error mapping and encoding, whatever the function's input.
     */
    private static String httpApiEvent(String function) {
        return "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/" + function + "\",\"rawQueryString\":\"\","
                + "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"POST\","
                + "\"path\":\"/" + function + "\"},\"stage\":\"$default\"},\"body\":\"{}\",\"isBase64Encoded\":false}";
    }

    private static void zip(Path task, Path zip) throws IOException {
        Files.deleteIfExists(zip);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(task)) {
            all.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip.toFile())) {
            for (Path file : files) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.toFile(), task.relativize(file).toString());
                entry.setUnixMode(Files.isExecutable(file) ? 0755 : 0644);
                entry.setLastModifiedTime(java.nio.file.attribute.FileTime.from(FILE_TIME));
                out.putArchiveEntry(entry);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
    }

    private static void stampFiles(Path task) throws IOException {
        java.nio.file.attribute.FileTime time = java.nio.file.attribute.FileTime.from(FILE_TIME);
        try (Stream<Path> all = Files.walk(task)) {
            for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                Files.setLastModifiedTime(file, time);
            }
        }
    }

    private static void run(List<String> command, Path directory, int seconds) throws IOException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> all = Files.walk(directory)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
