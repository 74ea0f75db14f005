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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkiverse.functions.amazonlambda.runtime.CustomRuntimeMain;
import io.quarkiverse.functions.amazonlambda.runtime.FunctionsLambdaBuildTimeConfig;
import io.quarkiverse.functions.deployment.FunctionCatalogBuildItem;
import io.quarkiverse.functions.deployment.FunctionSchema;
import io.quarkiverse.functions.deployment.FunctionSchemasBuildItem;
import io.quarkiverse.functions.deployment.OldClassFiles;
import io.quarkiverse.functions.deployment.SampleInput;
import io.quarkiverse.functions.runtime.internal.FunctionSpec;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.pkg.steps.NativeOrNativeSourcesBuild;
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
    /**
     * The managed Java runtime's flags, and no {@code hsperfdata} file: nothing reads it on Lambda, and creating it is
     * part of every cold start.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:-UsePerfData");
    /**
     * The JVM refuses an AOT cache when a jar's modification time differs from training: every file gets this time,
     * in the task directory and in the zip, so that an extraction that keeps zip times (as Lambda's does) matches.
     */
    static final int HEAP_PERCENT = 85;
    static final int INITIAL_HEAP_PERCENT = 25;
    private static final Pattern ERROR_STATUS = Pattern.compile("\"statusCode\":\\s*[45]");
    static final Instant FILE_TIME = Instant.parse("2020-01-01T00:00:00Z");

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

    /** Not with a native build: that one's {@code function.zip} holds the native {@code bootstrap}. */
    @BuildStep(onlyIf = Enabled.class, onlyIfNot = NativeOrNativeSourcesBuild.class)
    ArtifactResultBuildItem jvmCustomRuntime(JarBuildItem jar, OutputTargetBuildItem target, FunctionCatalogBuildItem catalog,
            FunctionSchemasBuildItem schemas, FunctionsLambdaBuildTimeConfig config) {
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
            // joda-time's Java 5 classes, as Java 6 ones that the AOT cache can hold (only here: see OldClassFiles)
            List<Path> classPath = new ArrayList<>(jars(task.resolve("lib")));
            classPath.add(jar.getPath());
            for (Path rewritten : OldClassFiles.rewriteJars(task.resolve("lib"), classPath)) {
                LOG.debugf("Rewrote the Java 5 class files of %s as Java 6 ones", rewritten.getFileName());
            }
            run(List.of(jlink.toString(), "--add-modules", String.join(",", config.jvmCustomRuntime().modules()),
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", task.resolve("jre").toString()),
                    work, 120);
            String runner = jar.getPath().getFileName().toString();
            Path bootstrap = task.resolve("bootstrap");
            List<String> opens = addOpens(jar.getPath());
            Files.writeString(bootstrap, bootstrap(runner, opens), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(bootstrap, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            stampFiles(task);
            List<String> events = trainingEvents(catalog, schemas, config.jvmCustomRuntime().trainingFunctions());
            train(task, runner, opens, events, config.sam().memorySize());
            Path zip = target.getOutputDirectory().resolve(ZIP);
            zip(task, zip);
            LOG.infof("Wrote %s (%d bytes): a JDK 25 runtime, an AOT cache and the application", zip, Files.size(zip));
            return new ArtifactResultBuildItem(zip, "lambda-jvm-custom-runtime", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Building the Lambda JVM custom runtime in " + work, e);
        }
    }

    /**
     * The {@code bootstrap} script. Lambda starts it with no {@code PATH}: only shell built-ins and relative paths.
     * <ul>
     * <li>The heap is 85% of the function's memory, as the managed Java runtime sets it. It starts at 25%: the JVM's
     * default, 1/64 of the memory (8 MB for 512 MB), makes Quarkus's start-up run four young collections (about 8 ms);
     * heap that is reserved costs no memory until it is used.</li>
     * <li>{@code ArchiveRelocationMode=0} maps the cache at the address it was written for. The JVM's default (1) maps
     * it elsewhere and relocates every pointer in it, which costs about 15 ms of each cold start; the price is that
     * the cache's metadata has a fixed address, as the JDK's own CDS archive had before JDK 21.</li>
     * </ul>
     */
    static String bootstrap(String runner, List<String> opens) {
        return "#!/bin/sh\n"
                + "# Quarkus Functions: the JVM custom runtime for provided.al2023\n"
                + "cd \"${0%/*}\" || exit 1\n"
                + "heap=\n"
                + "if [ -n \"$AWS_LAMBDA_FUNCTION_MEMORY_SIZE\" ]; then heap=\"-Xmx$((AWS_LAMBDA_FUNCTION_MEMORY_SIZE * "
                + HEAP_PERCENT + " / 100))m -Xms$((AWS_LAMBDA_FUNCTION_MEMORY_SIZE * " + INITIAL_HEAP_PERCENT
                + " / 100))m\"; fi\n"
                + "exec ./jre/bin/java -XX:AOTCache=app.aot -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 "
                + String.join(" ", JVM_FLAGS) + " " + String.join(" ", opens) + " $heap -cp " + runner + " "
                + CustomRuntimeMain.class.getName() + "\n";
    }

    /**
     * The runner jar's {@code Add-Opens} (Quarkus sets {@code java.base/java.lang} for jboss-threads), as options:
     * {@code bootstrap} starts the main class with {@code -cp}, for which the JVM does not read the manifest.
     */
    static List<String> addOpens(Path runner) throws IOException {
        List<String> options = new ArrayList<>();
        try (JarFile jar = new JarFile(runner.toFile())) {
            Manifest manifest = jar.getManifest();
            String opens = manifest == null ? null : manifest.getMainAttributes().getValue("Add-Opens");
            if (opens != null) {
                for (String target : opens.trim().split("\\s+")) {
                    options.add("--add-opens=" + target + "=ALL-UNNAMED");
                }
            }
        }
        return options;
    }

    static int heapMb(int memoryMb) {
        return memoryMb * HEAP_PERCENT / 100;
    }

    /**
     * Runs the application once, as the custom runtime will, and invokes every function: the JVM writes the AOT
     * cache ({@code -XX:AOTCacheOutput}) when it exits.
     */
    private static void train(Path task, String runner, List<String> opens, List<String> trainingEvents, int memoryMb)
            throws IOException {
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>(trainingEvents);
        int expected = events.size();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        List<String> answers = new ArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool();
        api.setExecutor(threads);
        api.createContext("/2018-06-01/runtime/", exchange -> handle(exchange, events, answers, expected, answered));
        api.start();
        try {
            List<String> command = new ArrayList<>();
            command.add(task.resolve("jre/bin/java").toString());
            command.add("-XX:AOTCacheOutput=app.aot");
            command.addAll(JVM_FLAGS);
            command.addAll(opens);
            // the heap of a function with the templates' memory, so that the cached heap objects need no relocation
            command.addAll(List.of("-Xmx" + heapMb(memoryMb) + "m", "-cp", runner, CustomRuntimeMain.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command)
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
        // what each event got, for whoever wonders what the cache was trained on
        Files.write(task.getParent().resolve("training-answers.log"), answers, StandardCharsets.UTF_8);
        long errors = answers.stream().filter(answer -> answer.startsWith("error") || ERROR_STATUS.matcher(answer).find())
                .count();
        LOG.infof("Trained the AOT cache with %d events: %d answered, %d with an error (the malformed one among them); see %s",
                answers.size(), answers.size() - errors, errors, task.getParent().resolve("training-answers.log"));
        Path log = task.getParent().resolve("training.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            String missing = lines
                    .filter(line -> line.contains("NoClassDefFoundError") || line.contains("ClassNotFoundException"))
                    .findFirst().orElse(null);
            if (missing != null) {
                throw new IllegalStateException("Training the AOT cache: a class is missing at run time, probably from a JDK"
                        + " module the bundled runtime lacks; add it to"
                        + " quarkus.functions.amazon-lambda.jvm-custom-runtime.modules"
                        + " (see " + log + "): " + missing.strip());
            }
        }
        if (!Files.exists(task.resolve("app.aot"))) {
            throw new IllegalStateException("Training ran but wrote no AOT cache; see " + log);
        }
    }

    private static void handle(HttpExchange exchange, LinkedBlockingQueue<String> events, List<String> answers, int expected,
            CompletableFuture<Void> answered) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/invocation/next")) {
                synchronized (answers) {
                    if (answers.size() == expected) {
                        // started, and every event answered (or none to send): the cache can be written
                        answered.complete(null);
                    }
                }
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
            String answer;
            try (InputStream in = exchange.getRequestBody()) {
                answer = path.substring(path.lastIndexOf('/') + 1) + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(202, -1);
            synchronized (answers) {
                answers.add(answer);
                if (answers.size() == expected) {
                    answered.complete(null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What training sends, so that the cache holds the paths a deployed function takes: per function, an HTTP API (v2)
     * event and a structured CloudEvent, each with a valid input made from the function's input schema
     * ({@link SampleInput}); then a direct invocation of the function that serves non-HTTP events, and a malformed body,
     * for the error path.
     */
    static List<String> trainingEvents(FunctionCatalogBuildItem catalog, FunctionSchemasBuildItem schemas,
            Optional<List<String>> only) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (FunctionSpec function : catalog.getFunctions()) {
            FunctionSchema schema = schemas.getFunctions().get(function.getName());
            inputs.put(function.getName(), schema == null ? null : SampleInput.of(schema.getInputDocument()));
        }
        return trainingEvents(inputs, ConfigProvider.getConfig().getOptionalValue("quarkus.functions.export", String.class),
                only);
    }

    /**
     * @param inputs every function's training input (JSON text, or {@code null} for a function without input), by name
     * @param export {@code quarkus.functions.export} as the build sees it
     * @param only {@code training-functions}
     */
    static List<String> trainingEvents(Map<String, String> inputs, Optional<String> export,
            Optional<List<String>> only) {
        List<String> names = List.copyOf(inputs.keySet());
        for (String name : only.orElse(List.of())) {
            if (!inputs.containsKey(name)) {
                throw new IllegalStateException("quarkus.functions.amazon-lambda.jvm-custom-runtime.training-functions names '"
                        + name + "', which is no function; the functions are " + names);
            }
        }
        List<String> trained = only.orElse(names);
        List<String> events = new ArrayList<>();
        for (String name : trained) {
            String input = inputs.get(name);
            events.add(httpApiEvent(name, input == null ? "" : input));
            events.add("{\"specversion\":\"1.0\",\"id\":\"training\",\"source\":\"urn:training\",\"type\":"
                    + quote(name) + (input == null ? "" : ",\"datacontenttype\":\"application/json\",\"data\":" + input)
                    + "}");
        }
        // a plain event goes to the exported function, or to the only one
        String direct = export.orElse(names.size() == 1 ? names.get(0) : null);
        if (direct != null && trained.contains(direct)) {
            String input = inputs.get(direct);
            events.add(input == null ? "{}" : input);
        }
        if (!trained.isEmpty()) {
            events.add(httpApiEvent(trained.get(0), "{"));
        }
        return events;
    }

    private static String httpApiEvent(String function, String body) {
        return "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/" + function + "\",\"rawQueryString\":\"\","
                + "\"headers\":{\"content-type\":\"application/json\"},\"requestContext\":{\"http\":{\"method\":\"POST\","
                + "\"path\":\"/" + function + "\"},\"stage\":\"$default\"},\"body\":" + quote(body)
                + ",\"isBase64Encoded\":false}";
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
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
                entry.setLastModifiedTime(FileTime.from(FILE_TIME));
                out.putArchiveEntry(entry);
                Files.copy(file, out);
                out.closeArchiveEntry();
            }
        }
    }

    private static void stampFiles(Path task) throws IOException {
        FileTime time = FileTime.from(FILE_TIME);
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

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
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
