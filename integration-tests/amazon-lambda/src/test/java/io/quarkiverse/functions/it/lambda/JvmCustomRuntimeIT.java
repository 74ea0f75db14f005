package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * The self-contained custom-runtime zip: {@code bootstrap} run from the unzipped directory with an empty environment
 * but {@code AWS_LAMBDA_RUNTIME_API}, so no {@code java} on any {@code PATH}: the bundled JDK 25 and its AOT cache run
 * the application.
 */
class JvmCustomRuntimeIT {

    static RuntimeApiServer api;
    static Process bootstrap;
    static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    static final Path TASK = LambdaProcess.TARGET.resolve("jvm-custom-runtime-task");

    @BeforeAll
    static void start() throws Exception {
        LambdaProcess.unzip(LambdaProcess.TARGET.resolve("function-jvm-custom-runtime.zip"), TASK);
        api = new RuntimeApiServer();
        bootstrap = bootstrap(Map.of("AWS_LAMBDA_RUNTIME_API", api.address())).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(bootstrap.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    OUTPUT.add(line);
                }
            } catch (java.io.IOException e) {
                // ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    @AfterAll
    static void stop() throws Exception {
        bootstrap.destroy();
        bootstrap.waitFor(20, TimeUnit.SECONDS);
        api.close();
    }

    @Test
    void zipHoldsTheRuntimeTheCacheAndTheBootstrap() throws Exception {
        assertThat(TASK.resolve("jre/bin/java")).isExecutable();
        assertThat(TASK.resolve("app.aot")).isNotEmptyFile();
        assertThat(Files.readString(TASK.resolve("bootstrap"))).contains("exec ./jre/bin/java -XX:AOTCache=app.aot")
                .contains("io.quarkiverse.functions.amazonlambda.runtime.CustomRuntimeMain");
        assertThat(Files.readString(TASK.resolve("jre/release"))).contains("JAVA_VERSION=\"25");
        // trimmed by jlink: no AWT, Swing or sound in a function's runtime
        assertThat(Files.readString(TASK.resolve("jre/release"))).contains("java.base").doesNotContain("java.desktop");
    }

    @Test
    void theAotCacheIsUsedByTheBootstrapCommand() throws Exception {
        // bootstrap's own command, with the heap Lambda's memory setting gives; AOTMode=on makes the JVM refuse to
        // start rather than run without the cache. Without AWS_LAMBDA_RUNTIME_API the main class stops at once.
        Process check = bootstrap(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "JAVA_TOOL_OPTIONS",
                "-XX:AOTMode=on -Xlog:class+path=info -Xlog:class+load=info -XX:+PrintCommandLineFlags"))
                .redirectOutput(LambdaProcess.TARGET.resolve("jvm-custom-runtime-check.log").toFile()).start();
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(LambdaProcess.TARGET.resolve("jvm-custom-runtime-check.log"));
        // the JVM checks the application's jars (paths and times) against those of the training run: the functions'
        // classes come from the cache only when they match
        assertThat(output).contains("Archived boot classpath validation: passed")
                .contains("-XX:MaxHeapSize=" + 435L * 1024 * 1024)
                .contains("-XX:InitialHeapSize=" + 128L * 1024 * 1024)
                .contains("AWS_LAMBDA_RUNTIME_API is not set")
                .contains("io.quarkiverse.functions.it.GreetingFunctions source: shared objects file");
        assertThat(check.exitValue()).isEqualTo(2);
    }

    @Test
    void theHandlerOfItsSamTemplateSelectsTheFunction() throws Exception {
        String template = Files.readString(LambdaProcess.TARGET.resolve("sam.jvm-custom-runtime.yaml"));
        assertThat(template).contains("    Runtime: provided.al2023\n    CodeUri: function-jvm-custom-runtime.zip\n");
        java.util.regex.Matcher greet = java.util.regex.Pattern
                .compile("  GreetFunction:\n(?:      .*\n|    .*\n)*?      Handler: (\\S+)\n").matcher(template);
        assertThat(greet.find()).as(template).isTrue();
        Path log = LambdaProcess.TARGET.resolve("jvm-custom-runtime-handler.log");
        try (RuntimeApiServer own = new RuntimeApiServer()) {
            // Lambda passes a custom runtime's Handler setting as _HANDLER
            Process process = bootstrap(Map.of("AWS_LAMBDA_RUNTIME_API", own.address(), "JAVA_TOOL_OPTIONS",
                    "-Xlog:class+load=info", "_HANDLER", greet.group(1))).redirectOutput(log.toFile()).start();
            try {
                Posted reply = own.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

                assertThat(reply.endpoint()).isEqualTo("response");
                assertThat(Events.JSON.readTree(reply.body()).path("message").asText()).isEqualTo("Hello Ada!");
            } finally {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
        // joda-time, which Quarkus's Lambda support loads at static init: the build rewrote its Java 5 class files so
        // that the cache can hold them
        assertThat(Files.readString(log)).contains("org.joda.time.DateTimeZone source: shared objects file")
                .doesNotContain("org.joda.time.DateTimeZone source: file:");
    }

    @Test
    void theStartupReportSaysTheAotCacheRan() throws Exception {
        Path log = LambdaProcess.TARGET.resolve("jvm-custom-runtime-startup-report.log");
        try (RuntimeApiServer own = new RuntimeApiServer()) {
            Process process = bootstrap(Map.of("AWS_LAMBDA_RUNTIME_API", own.address(),
                    "QUARKUS_FUNCTIONS_EXPORT", "greet", "QUARKUS_FUNCTIONS_STARTUP_REPORT", "true"))
                    .redirectOutput(log.toFile()).start();
            try {
                assertThat(own.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS).endpoint()).isEqualTo("response");
            } finally {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
        // written at the first invocation's outcome, before its reply was posted
        String line = Files.readAllLines(log).stream().filter(l -> l.contains("Start-up report: ")).findFirst()
                .orElseThrow(() -> new AssertionError("No start-up report in " + log));
        String message = Events.JSON.readTree(line).path("message").asText();
        JsonNode report = Events.JSON.readTree(message.substring(message.indexOf("Start-up report: ") + 17));
        assertThat(report.path("mode").asText()).isEqualTo("jvm-aot-cache");
        assertThat(report.path("platform").asText()).isEqualTo("amazon_lambda");
        assertThat(report.path("phases").findValuesAsText("name")).contains("static-init", "runtime-init", "first-invocation");
    }

    @Test
    void aFailedStartIsReportedAsAnInitError() throws Exception {
        try (RuntimeApiServer init = new RuntimeApiServer()) {
            Process failing = bootstrap(Map.of("AWS_LAMBDA_RUNTIME_API", init.address(), "QUARKUS_FUNCTIONS_EXPORT",
                    "gret")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Posted initError = init.initError.get(60, TimeUnit.SECONDS);

                assertThat(initError.header("Lambda-Runtime-Function-Error-Type")).isEqualTo("Runtime.BadFunctionCode");
                JsonNode error = Events.JSON.readTree(initError.body());
                assertThat(error.path("errorMessage").asText())
                        .contains("quarkus.functions.export (QUARKUS_FUNCTIONS_EXPORT) is 'gret', which names no function")
                        .contains("greet");
                assertThat(error.path("stackTrace")).isEmpty();
                assertThat(failing.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(failing.exitValue()).isEqualTo(1);
            } finally {
                failing.destroyForcibly();
            }
        }
    }

    @Test
    void bootstrapServesAnHttpApiEventWithNoJavaOnThePath() throws Exception {
        Posted reply = api.invoke(Events.httpApi("POST", "/greet", "{\"name\":\"Ada\"}").toString())
                .get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).as(String.join("\n", OUTPUT)).isEqualTo("response");
        JsonNode response = Events.JSON.readTree(reply.body());
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(Events.JSON.readTree(response.path("body").asText()).path("message").asText()).isEqualTo("Hello Ada!");
    }

    @Test
    void errorsGoToTheErrorEndpointWithATypedHeader() throws Exception {
        Posted reply = api.invoke("{\"name\":\"Ada\"}").get(60, TimeUnit.SECONDS);

        assertThat(reply.endpoint()).isEqualTo("error");
        assertThat(reply.header("Lambda-Runtime-Function-Error-Type")).matches(FailContract.ERROR_TYPE_HEADER);
        JsonNode error = Events.JSON.readTree(reply.body());
        assertThat(error.path("errorMessage").asText()).contains("QUARKUS_FUNCTIONS_EXPORT");
        assertThat(error.path("stackTrace")).isEmpty();
    }

    /**
     * The unzipped zip's {@code bootstrap}, with this environment and nothing else: no {@code PATH}, no {@code java}.
     */
    private static ProcessBuilder bootstrap(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(TASK.resolve("bootstrap").toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }
}
