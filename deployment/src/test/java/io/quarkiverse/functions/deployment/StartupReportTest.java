package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.functions.FunctionContext.Platform;
import io.quarkiverse.functions.Warmup;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.functions.startup-report=true}: after the first invocation is answered, one log line (and a JSON file)
 * lists the phases of the cold start, in order, with each warm-up bean, and the loaded class count on the JVM; later
 * invocations print nothing more.
 */
class StartupReportTest {

    static final Path FILE = Path.of("target", "startup-report-test.json");

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, PricesWarmup.class))
            .overrideConfigKey("quarkus.functions.startup-report", "true")
            .overrideConfigKey("quarkus.functions.startup-report-file", FILE.toString())
            .setLogRecordPredicate(record -> record.getLoggerName().equals("io.quarkiverse.functions.startup"))
            .assertLogRecords(StartupReportTest::oneLineEqualToTheFile);

    @Inject
    FunctionInvoker invoker;

    @Test
    void theFirstInvocationPrintsThePhasesOnce() throws Exception {
        Files.deleteIfExists(FILE);
        invoke("r-1");
        invoke("r-2");

        JsonNode logged = new ObjectMapper().readTree(FILE.toFile());
        assertThat(logged.path("platform").asText()).isEqualTo("http");
        assertThat(logged.path("mode").asText()).isEqualTo("jvm");
        List<String> phases = new ArrayList<>();
        for (JsonNode phase : logged.path("phases")) {
            phases.add(phase.path("name").asText());
            assertThat(phase.path("ms").isNumber()).as("phase %s has a duration", phase).isTrue();
        }
        assertThat(phases).containsExactly("start-to-static-init", "static-init", "runtime-init",
                "warmup " + PricesWarmup.class.getName(), "to-ready", "ready-to-first-event", "first-invocation");
        assertThat(logged.path("loadedClassesAtFirstResponse").asLong()).isPositive();
    }

    /** Checked once the application has stopped: the second invocation printed nothing. */
    static void oneLineEqualToTheFile(List<LogRecord> records) {
        assertThat(records).hasSize(1);
        String line = String.format(records.get(0).getMessage(), records.get(0).getParameters());
        assertThat(line).startsWith("Start-up report: {");
        try {
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(line.substring("Start-up report: ".length()))).isEqualTo(json.readTree(FILE.toFile()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void invoke(String requestId) {
        assertThat(invoker.invoke(Invocation.builder(Platform.HTTP, "greet", requestId)
                .input(FunctionInput.json("\"Ada\"".getBytes())).build()).await().indefinitely().isSuccess()).isTrue();
    }

    @ApplicationScoped
    public static class PricesWarmup implements Warmup {
        @Override
        public void warmUp() {
            // a warm-up that does nothing: its phase is listed all the same
        }
    }

    public static class Functions {
        @Funq
        public String greet(String name) {
            return "Hello " + name;
        }
    }
}
