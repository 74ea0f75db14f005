package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The packaged function.zip under AWS's runtime interface client, exporting {@code greet}, with the handler that
 * sam.jvm.yaml names.
 */
class GreetUnderRuntimeClientIT extends GreetContract {

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.start(api, env);
    }

    @Test
    void handlerIsTheOneTheSamTemplateNames() throws Exception {
        assertThat(LambdaProcess.jvmHandler())
                .isEqualTo("io.quarkiverse.functions.amazonlambda.runtime.FunctionsStreamHandler::handleRequest");
    }

    @Test
    void samTemplateReferencesTheGeneratedContracts() throws Exception {
        String template = java.nio.file.Files.readString(LambdaProcess.TARGET.resolve("sam.jvm.yaml"));
        assertThat(template).contains("      InputSchema: functions/schemas/greet.input.schema.json\n"
                + "      OutputSchema: functions/schemas/greet.output.schema.json\n");
        JsonNode schema = Events.JSON.readTree(
                LambdaProcess.TARGET.resolve("functions/schemas/greet.input.schema.json").toFile());
        assertThat(schema.path("properties").has("name")).isTrue();
    }

    /**
     * The managed runtime has no AOT cache: joda-time stays as released (only the custom runtime's copy is rewritten),
     * so that SnapStart's class preloading does not load and initialise all of it at every start.
     */
    @Test
    void jodaTimeIsNotRewrittenNorPreloadedInTheManagedRuntimeZip() throws Exception {
        try (ZipFile zip = new ZipFile(LambdaProcess.TARGET.resolve("function.zip").toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName).filter(name -> name.startsWith("org/joda/")))
                    .isEmpty();
            assertThat(zip.stream().map(ZipEntry::getName))
                    .anyMatch(name -> name.matches("lib/joda-time\\.joda-time-[0-9.]+\\.jar"));
            ZipEntry preload = zip.getEntry("META-INF/quarkus-generated-preload-classes.txt");
            assertThat(preload).as("SnapStart's preloading is on by default").isNotNull();
            String classes = new String(zip.getInputStream(preload).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(classes).contains("io.quarkiverse.functions.amazonlambda.handlers.GreetHandler")
                    .doesNotContain("org.joda.");
        }
    }

    @Test
    void nothingOfDevModeNorOfTheTestApiIsPackaged() throws Exception {
        try (ZipFile zip = new ZipFile(LambdaProcess.TARGET.resolve("function.zip").toFile())) {
            // quarkus-functions-dev and the HTTP server it brings are for quarkus:dev only; the event console for tests
            // (the generated beans are entries of the zip, the libraries jars under lib/)
            assertThat(zip.stream().map(ZipEntry::getName))
                    .anyMatch(name -> name.endsWith("/FunctionsLambdaHandler_Bean.class"))
                    .noneMatch(name -> name.contains("quarkus-functions-dev") || name.contains("quarkus-vertx-http")
                            || name.contains("quarkus-functions-test") || name.contains("EventConsole_Bean"));
        }
    }
}
