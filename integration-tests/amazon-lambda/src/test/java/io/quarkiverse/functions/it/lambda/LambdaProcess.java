package io.quarkiverse.functions.it.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The packaged {@code function.zip}, unzipped into a task directory and run the way Lambda runs it, with the task
 * directory as working directory and {@code AWS_LAMBDA_RUNTIME_API} pointing at the tests' server: on the managed Java
 * runtime, {@code java -cp <runtime interface client> com.amazonaws.services.lambda.runtime.api.client.AWSLambda
 * <handler>}; on {@code provided.al2023} (a native build), its {@code bootstrap}, with only the variables Lambda sets.
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
                    synchronized (output) {
                        output.add(line);
                        output.notifyAll();
                    }
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
        return outputContaining(text, 0);
    }

    /** The output from line {@code from} on, once it contains {@code text}, or after 10 s. */
    String outputContaining(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        synchronized (output) {
            String all = String.join("\n", output.subList(from, output.size()));
            while (!all.contains(text) && System.nanoTime() < deadline) {
                output.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                all = String.join("\n", output.subList(from, output.size()));
            }
            return all;
        }
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
     * The native {@code bootstrap} as {@code provided.al2023} runs it: from a fresh task directory, with the
     * environment Lambda gives a custom runtime and nothing else (no {@code java} on the {@code PATH}, no
     * {@code JAVA_HOME}).
     */
    static LambdaProcess startNative(RuntimeApiServer api, Map<String, String> env) throws IOException {
        Path task = TARGET.resolve("native-task");
        unzip(TARGET.resolve("function.zip"), task);
        ProcessBuilder builder = new ProcessBuilder(task.resolve("bootstrap").toString()).directory(task.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
        environment.put("LAMBDA_TASK_ROOT", task.toString());
        environment.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        environment.put("_HANDLER", env.getOrDefault("_HANDLER", "bootstrap"));
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "functions-it");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/functions-it");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/29/[$LATEST]0123456789abcdef");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_DEFAULT_REGION", "eu-west-1");
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        environment.put("LD_LIBRARY_PATH", "/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:" + task + ":" + task + "/lib:/opt/lib");
        environment.putAll(env);
        return new LambdaProcess(builder.start());
    }

    /** Unzips afresh, keeping what Lambda's extraction keeps: the executable bit and the entries' times. */
    static void unzip(Path zip, Path into) throws IOException {
        if (Files.exists(into)) {
            try (Stream<Path> old = Files.walk(into)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            Enumeration<ZipArchiveEntry> entries = file.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Zip entry outside the task directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                Files.setLastModifiedTime(target, FileTime.from(entry.getLastModifiedDate().toInstant()));
                if ((entry.getUnixMode() & 0100) != 0) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
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
        if (!unzipped) {
            unzip(TARGET.resolve("function.zip"), task);
            unzipped = true;
        }
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
