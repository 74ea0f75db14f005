package io.quarkiverse.functions.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * Native readiness without GraalVM: runs every native build step of this app with
 * {@code quarkus.native.sources-only} and checks the reflection configuration it writes for native-image.
 */
class NativeSourcesTest {

    @RegisterExtension
    static final QuarkusProdModeTest build = new QuarkusProdModeTest()
            .withEmptyApplication()
            .setApplicationName("functions-http-native")
            .setApplicationVersion("1.0")
            .overrideConfigKey("quarkus.native.enabled", "true")
            .overrideConfigKey("quarkus.native.sources-only", "true")
            .setRun(false);

    @ProdBuildResults
    ProdModeTestResults results;

    @Test
    void reflectionConfigurationCoversTheExampleFunctionTypes() throws IOException {
        Path nativeSources = results.getBuildDir().resolve("native-sources");
        assertThat(nativeSources.resolve("native-image.args")).exists();

        String registrations = reflectionConfiguration(nativeSources);
        for (String type : List.of(
                "io.quarkiverse.functions.it.GreetingFunctions$GreetInput",
                "io.quarkiverse.functions.it.GreetingFunctions$Greeting",
                "io.quarkiverse.functions.it.OrderFunctions$LineItem",
                "io.quarkiverse.functions.it.OrderFunctions$Total",
                "io.quarkiverse.functions.it.SlowFunctions$SlowInput",
                "io.quarkiverse.functions.it.SlowFunctions$SlowResult",
                "io.quarkiverse.functions.it.ContextFunctions$ContextInfo",
                "io.quarkiverse.functions.it.AuditFunctions$AuditEntry",
                "io.quarkiverse.functions.it.FailFunctions$FailInput",
                "io.quarkiverse.functions.it.SubscriptionFunctions$Subscription",
                "io.quarkiverse.functions.it.SubscriptionFunctions$Receipt")) {
            assertThat(registrations).as("reflection registration of %s", type).contains("\"" + type + "\"");
        }
    }

    /**
     * The registrations live in the runner jar's {@code META-INF/native-image} (JSON); read every such file.
     */
    private static String reflectionConfiguration(Path nativeSources) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(nativeSources)) {
            files.filter(path -> path.toString().endsWith("-runner.jar")).forEach(jars::add);
        }
        assertThat(jars).hasSize(1);
        StringBuilder all = new StringBuilder();
        try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(jars.get(0))) {
            Path root = jar.getPath("/META-INF/native-image");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                    all.append(Files.readString(file));
                }
            }
        }
        return all.toString();
    }
}
