package io.quarkiverse.functions.nativeimage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.functions.nativeimage.BuilderJars;
import io.quarkiverse.functions.nativeimage.assemble.ApiOptionScanner;

/**
 * The builder's user-facing options, read from svm.jar's @APIOption annotations, translate as GraalVM documents them.
 */
class ApiOptionTableTest {

    static ApiOptionTable table;
    static final Path CWD = Path.of("/work");

    @BeforeAll
    static void scan() throws Exception {
        table = new ApiOptionTable(ApiOptionScanner.scan(List.of(BuilderJars.svm())));
    }

    static String translate(String... args) {
        Deque<String> queue = new ArrayDeque<>(List.of(args));
        ApiOptionTable.Translation translation = table.translate(queue, CWD);
        assertThat(queue).as("all arguments of the option consumed").isEmpty();
        return translation.builderOption();
    }

    @Test
    void booleanAndFixedValueOptions() {
        assertThat(translate("--no-fallback")).isEqualTo("-H:FallbackThreshold=0");
        assertThat(translate("--static")).isEqualTo("-H:+StaticExecutable");
        assertThat(translate("--shared")).isEqualTo("-H:+SharedLibrary");
        assertThat(translate("--enable-http")).isEqualTo("-H:EnableURLProtocols=http");
        assertThat(translate("-g")).isEqualTo("-H:GenerateDebugInfo=2");
    }

    @Test
    void valueOptions() {
        assertThat(translate("--features=a.B,c.D")).isEqualTo("-H:Features=a.B,c.D");
        assertThat(translate("--enable-url-protocols=http,https")).isEqualTo("-H:EnableURLProtocols=http,https");
        assertThat(translate("-march=native")).isEqualTo("-H:MicroArchitecture=native");
        assertThat(translate("--link-at-build-time")).isEqualTo("-H:LinkAtBuildTime=");
        assertThat(translate("--enable-native-access=ALL-UNNAMED")).isEqualTo("-H:EnableNativeAccess=ALL-UNNAMED");
    }

    @Test
    void valueInTheNextArgument() {
        assertThat(translate("-o", "app")).isEqualTo("-H:Name=app");
        assertThat(translate("--add-opens", "java.base/java.lang=ALL-UNNAMED")).isEqualTo("-H:AddOpens=java.base/java.lang=ALL-UNNAMED");
        assertThat(translate("--add-opens=java.base/java.io=ALL-UNNAMED")).isEqualTo("-H:AddOpens=java.base/java.io=ALL-UNNAMED");
    }

    @Test
    void elementTransformers() {
        assertThat(translate("--initialize-at-run-time=a.B,c.D")).isEqualTo("-H:ClassInitialization=a.B:run_time,c.D:run_time");
        assertThat(translate("--initialize-at-build-time=a.B")).isEqualTo("-H:ClassInitialization=a.B:build_time");
        assertThat(translate("--initialize-at-build-time")).isEqualTo("-H:ClassInitialization=:build_time");
        assertThat(translate("-ea:com.example...")).isEqualTo("-H:RuntimeAssertions=+com.example...");
        assertThat(translate("-da")).isEqualTo("-H:RuntimeAssertions=-");
    }

    @Test
    void optionGroupWithMultipleValues() {
        assertThat(translate("--gc=serial")).isEqualTo("-H:SupportedGCs=serial");
        assertThat(translate("--gc=epsilon")).isEqualTo("-H:SupportedGCs=epsilon");
    }

    @Test
    void errorsAndDeprecations() {
        assertThatThrownBy(() -> translate("--no-fallback=yes")).isInstanceOf(DriverException.class).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> translate("-o")).isInstanceOf(DriverException.class).hasMessageContaining("requires an argument");
        Deque<String> queue = new ArrayDeque<>(List.of("--allow-incomplete-classpath"));
        assertThat(table.translate(queue, CWD).warning()).contains("deprecated");
        assertThat(table.translate(new ArrayDeque<>(List.of("-cp")), CWD)).as("not an API option").isNull();
        assertThat(table.translate(new ArrayDeque<>(List.of("-H:Name=x")), CWD)).isNull();
    }

    @Test
    void tableSurvivesTheFileRoundTrip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("api-options.tsv");
        ApiOptionTable.write(table.options(), file);
        assertThat(ApiOptionTable.read(file).options()).isEqualTo(table.options());
        assertThat(Files.readAllLines(file).get(0)).startsWith("#");
    }
}
