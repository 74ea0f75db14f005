package io.quarkiverse.functions.it.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged {@code function.zip}, unzipped into a task directory and run the way the managed Java runtime runs it:
 * {@code java -cp <runtime interface client> com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>},
 * with the task directory as working directory and {@code AWS_LAMBDA_RUNTIME_API} pointing at the tests' server.
 */
final class LambdaProcess implements AutoCloseable {

    static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final String AWS_LAMBDA_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();

    private LambdaProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "lambda-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The process's output once it contains {@code text}, or after 10 s: a log line may reach the reader thread
     * after the reply it belongs to has reached the Runtime API.
     */
    String outputContaining(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String all = String.join("\n", output);
        while (!all.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            all = String.join("\n", output);
        }
        return all;
    }

    /**
     * @param env extra environment, e.g. {@code QUARKUS_FUNCTIONS_EXPORT}
     */
    static LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return start(api, env, jvmHandler());
    }

    /**
     * @param handler the {@code class::method} to run, as a Lambda function's Handler setting names it
     */
    static LambdaProcess start(RuntimeApiServer api, Map<String, String> env, String handler) throws IOException {
        Path task = unzipFunction();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the flags of AWS's managed Java runtime
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xmx445m");
        command.add("-cp");
        command.add(runtimeInterfaceClientClasspath());
        command.add(AWS_LAMBDA_MAIN);
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("LAMBDA_TASK_ROOT", task.toString());
        environment.put("_HANDLER", handler);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "functions-it");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_REGION", "eu-west-1");
        environment.putAll(env);
        return new LambdaProcess(builder.start());
    }

    /**
     * @return the handler that the generated {@code sam.jvm.yaml} names
     */
    static String jvmHandler() throws IOException {
        for (String line : Files.readAllLines(TARGET.resolve("sam.jvm.yaml"))) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Handler: ")) {
                return trimmed.substring("Handler: ".length());
            }
        }
        throw new IllegalStateException("sam.jvm.yaml names no handler");
    }

    private static boolean unzipped;

    /**
     * Unzips function.zip afresh once per test run, so that the task directory is the package just built.
     */
    /**
     * @return the handler that the generated {@code sam.jvm.yaml} names for one function's resource
     */
    static String jvmHandlerOf(String resource) throws IOException {
        boolean inResource = false;
        for (String line : Files.readAllLines(TARGET.resolve("sam.jvm.yaml"))) {
            if (line.equals("  " + resource + ":")) {
                inResource = true;
            } else if (inResource && line.trim().startsWith("Handler: ")) {
                return line.trim().substring("Handler: ".length());
            }
        }
        throw new IllegalStateException("sam.jvm.yaml has no handler for " + resource);
    }

    private static synchronized Path unzipFunction() throws IOException {
        Path task = TARGET.resolve("lambda-task");
        if (unzipped) {
            return task;
        }
        if (Files.exists(task)) {
            try (Stream<Path> old = Files.walk(task)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(TARGET.resolve("function.zip")))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path file = task.resolve(entry.getName()).normalize();
                if (!file.startsWith(task)) {
                    throw new IOException("Zip entry outside the task directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    // copies this entry only; the zip stream stays open for the next
                    Files.copy(zip, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        unzipped = true;
        return task;
    }

    private static String runtimeInterfaceClientClasspath() throws IOException {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(TARGET.resolve("runtime-interface-client"))) {
            files.filter(path -> path.toString().endsWith(".jar")).forEach(path -> jars.add(path.toString()));
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("No runtime interface client jars in target/runtime-interface-client");
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
