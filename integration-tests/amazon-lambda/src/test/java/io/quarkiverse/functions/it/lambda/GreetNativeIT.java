package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.it.lambda.RuntimeApiServer.Posted;

/**
 * The native {@code bootstrap} of function.zip, as {@code provided.al2023} runs it: a fresh task directory, only the
 * variables Lambda sets, no JDK anywhere. The zip holds the executable and the shared libraries it needs, nothing else.
 */
class GreetNativeIT extends GreetContract {

    static final Path TASK = LambdaProcess.TARGET.resolve("native-task");

    @Override
    LambdaProcess start(RuntimeApiServer api, Map<String, String> env) throws IOException {
        return LambdaProcess.startNative(api, env);
    }

    @Override
    boolean nativeImage() {
        return true;
    }

    @Test
    void zipHoldsTheExecutableAndItsLibrariesOnly() throws Exception {
        byte[] bootstrap = Files.readAllBytes(TASK.resolve("bootstrap"));
        assertThat(new String(bootstrap, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).as("an ELF executable").isEqualTo("ELF");
        assertThat(TASK.resolve("bootstrap")).isExecutable();
        try (Stream<Path> files = Files.list(TASK)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.equals("bootstrap") || name.matches("lib[a-z_]+\\.so"))
                    .contains("libjava.so", "libjvm.so");
        }
    }

    /**
     * provided.al2023 has glibc 2.34: the executable and every library of the zip must ask for no newer symbol
     * version, or Lambda fails the init phase with "version `GLIBC_2.xx' not found", which no local run shows.
     */
    @Test
    void runsOnTheGlibcOfProvidedAl2023() throws Exception {
        java.util.regex.Pattern version = java.util.regex.Pattern.compile("GLIBC_(\\d+)\\.(\\d+)");
        try (Stream<Path> files = Files.list(TASK)) {
            for (Path file : files.toList()) {
                Process objdump = new ProcessBuilder("objdump", "-T", file.toString()).redirectErrorStream(true).start();
                String symbols = new String(objdump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(objdump.waitFor()).as(symbols).isZero();
                java.util.regex.Matcher matcher = version.matcher(symbols);
                while (matcher.find()) {
                    int major = Integer.parseInt(matcher.group(1));
                    int minor = Integer.parseInt(matcher.group(2));
                    assertThat(major * 1000 + minor).as("%s needs %s", file.getFileName(), matcher.group()).isLessThanOrEqualTo(2034);
                }
            }
        }
    }

    @Test
    void samTemplateNamesTheZipOnTheCustomRuntime() throws Exception {
        String template = Files.readString(LambdaProcess.TARGET.resolve("sam.native.yaml"));
        assertThat(template).contains("Runtime: provided.al2023").contains("CodeUri: function.zip");
    }

    @Test
    void clientErrorsAreNotLoggedAsErrors() throws Exception {
        int before = lambda.output.size();
        Posted rejected = api.invoke("{\"name\":\"\"}").get(60, TimeUnit.SECONDS);
        assertThat(rejected.endpoint()).isEqualTo("error");
        // the greeting's own log line comes after the rejected call's output, if it wrote any
        assertThat(api.invoke("{\"name\":\"Marker\"}").get(60, TimeUnit.SECONDS).endpoint()).isEqualTo("response");
        String output = lambda.outputContaining("Greeting a caller", before);
        assertThat(output).contains("Greeting a caller")
                .doesNotContain("\"level\":\"ERROR\"").doesNotContain("Failed to run lambda").doesNotContain("\tat ");
    }
}
