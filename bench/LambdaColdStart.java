import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * Cold start of a packaged Lambda function under AWS's runtime interface client, timed from outside the process:
 * exec -> first GET /next (Lambda's Init Duration) and exec -> first response (cold total). A fresh process per run.
 *
 * Usage: java bench/LambdaColdStart.java <task-dir> <ric-jar-dir> <handler> <runs> <java> [KEY=VALUE env...]
 * Prints one line per run and the medians. Nothing is asserted.
 */
public class LambdaColdStart {

    public static void main(String[] args) throws Exception {
        File task = new File(args[0]);
        File[] jars = new File(args[1]).listFiles((dir, name) -> name.endsWith(".jar"));
        String handler = args[2];
        int runs = Integer.parseInt(args[3]);
        String java = args[4];
        String classpath = String.join(File.pathSeparator, Arrays.stream(jars).map(File::getAbsolutePath).toList());
        List<Long> inits = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            CompletableFuture<Long> firstNext = new CompletableFuture<>();
            CompletableFuture<Long> response = new CompletableFuture<>();
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            api.setExecutor(Executors.newCachedThreadPool());
            byte[] event = "{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
            api.createContext("/2018-06-01/runtime/", exchange -> {
                long now = System.nanoTime();
                String path = exchange.getRequestURI().getPath();
                try (exchange) {
                    if (path.endsWith("/invocation/next")) {
                        if (!firstNext.complete(now)) {
                            // one event per run: park the second poll until the process is stopped
                            new CompletableFuture<Void>().get(60, TimeUnit.SECONDS);
                        }
                        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "bench-" + now);
                        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                                Long.toString(System.currentTimeMillis() + 30_000));
                        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                                "arn:aws:lambda:eu-west-1:123456789012:function:bench");
                        // the runtime interface client's native part expects every header Lambda sends
                        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id",
                                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, event.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(event);
                        }
                        return;
                    }
                    try (InputStream in = exchange.getRequestBody()) {
                        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        if (path.endsWith("/response") && body.contains("Hello Ada")) {
                            response.complete(now);
                        } else {
                            response.completeExceptionally(new IllegalStateException(path + ": " + body));
                        }
                    }
                    exchange.sendResponseHeaders(202, -1);
                } catch (Exception e) {
                    // the process went away
                }
            });
            api.start();
            List<String> command = new ArrayList<>();
            if (new File("/usr/bin/taskset").exists() && Runtime.getRuntime().availableProcessors() >= 2) {
                command.addAll(List.of("taskset", "-c", "0"));
            }
            command.addAll(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx445m", "-cp", classpath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler));
            ProcessBuilder builder = new ProcessBuilder(command).directory(task).redirectErrorStream(true)
                    .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "lambda-cold-start-" + run + ".log"));
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
            builder.environment().put("LAMBDA_TASK_ROOT", task.getAbsolutePath());
            builder.environment().put("_HANDLER", handler);
            builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            // the runtime interface client's native part expects the variables Lambda always sets
            builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "bench");
            builder.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            builder.environment().put("AWS_REGION", "eu-west-1");
            for (int i = 5; i < args.length; i++) {
                String[] pair = args[i].split("=", 2);
                builder.environment().put(pair[0], pair[1]);
            }
            long start = System.nanoTime();
            Process process = builder.start();
            long init = (firstNext.get(60, TimeUnit.SECONDS) - start) / 1_000_000;
            long total = (response.get(60, TimeUnit.SECONDS) - start) / 1_000_000;
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
            inits.add(init);
            totals.add(total);
            System.out.printf("run %d: init (exec -> first /next) %d ms, cold total (exec -> first response) %d ms%n", run,
                    init, total);
        }
        System.out.printf("median of %d runs: init %d ms [%d-%d], cold total %d ms [%d-%d]%n", runs, median(inits),
                Collections.min(inits), Collections.max(inits), median(totals), Collections.min(totals),
                Collections.max(totals));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
