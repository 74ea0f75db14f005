package io.quarkiverse.functions.nativeimage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the class path's native-image configuration, as GraalVM's driver documents them: -jar reads
 * the manifest, every class path entry contributes its META-INF/native-image properties and metadata files, and
 * --exclude-config drops them, wherever it stands on the command line.
 */
class ArgumentProcessorTest {

    static final ApiOptionTable API = new ApiOptionTable(List.of(
            new ApiOption(List.of("no-fallback"), null, "=", "-H:FallbackThreshold=", "0", true, false, null, ""),
            new ApiOption(List.of("initialize-at-run-time"), null, "=", "-H:ClassInitialization=", "", false, false, "{}:run_time", ""),
            new ApiOption(List.of("-o"), null, " ", "-H:Name=", null, false, false, null, "")));

    @TempDir
    Path dir;

    BuildRequest process(String... args) {
        BuildRequest request = new BuildRequest(dir);
        new ArgumentProcessor(request, API, Path.of("/jdk")).processCommandLine(List.of(args));
        return request;
    }

    Path appJar() throws Exception {
        TestJars.jar(dir.resolve("lib/dep.jar"), Map.of(), Map.of(
                "META-INF/native-image/org.dep/dep/native-image.properties",
                "Args = --initialize-at-run-time=org.dep.Lazy \\\n       -H:IncludeResources=${.}/data.*\nJavaArgs = -Dfrom.dep=1\n",
                "META-INF/native-image/org.dep/dep/reflect-config.json", "[]",
                "META-INF/native-image/org.dep/dep/resource-config.json", "{}"));
        return TestJars.jar(dir.resolve("app.jar"), Map.of("Main-Class", "org.app.Main", "Class-Path", "lib/dep.jar"), Map.of());
    }

    @Test
    void jarModeReadsTheManifestAndTheClassPathConfiguration() throws Exception {
        Path app = appJar();
        BuildRequest request = process("-jar", "app.jar", "app-runner");

        assertThat(request.classpath()).containsExactly(app, dir.resolve("lib/dep.jar"));
        assertThat(request.lastValue("Class")).hasValue("org.app.Main");
        assertThat(request.leftovers).containsExactly("app-runner");
        String depUri = "jar:" + dir.resolve("lib/dep.jar").toUri() + "!/META-INF/native-image/org.dep/dep/";
        assertThat(request.builderArgs()).contains(
                "-H:ClassInitialization@" + depUri + "native-image.properties+api=org.dep.Lazy:run_time",
                "-H:IncludeResources@" + depUri + "native-image.properties=META-INF/native-image/org.dep/dep/data.*",
                "-H:ReflectionConfigurationResources@" + depUri + "reflect-config.json+api=META-INF/native-image/org.dep/dep/reflect-config.json",
                "-H:ResourceConfigurationResources@" + depUri + "resource-config.json+api=META-INF/native-image/org.dep/dep/resource-config.json");
        assertThat(request.builderJavaArgs()).contains("-Dfrom.dep=1");
    }

    @Test
    void excludeConfigAppliesWhereverItIsGiven() throws Exception {
        appJar();
        BuildRequest request = process("-jar", "app.jar", "--exclude-config", "dep\\.jar", "/META-INF/native-image/org\\.dep/dep/reflect-config\\.json");
        assertThat(request.builderArgs()).noneMatch(a -> a.startsWith("-H:ReflectionConfigurationResources"));
        assertThat(request.builderArgs()).anyMatch(a -> a.startsWith("-H:ResourceConfigurationResources"));
    }

    @Test
    void genericOptionsAndOrigins() throws Exception {
        Files.writeString(dir.resolve("args.txt"), "-H:+FromFile --no-fallback\n");
        BuildRequest request = process("-cp", "classes:missing.jar", "-H:+UnlockExperimentalVMOptions", "-H:Foo=bar", "-R:MaxHeapSize=1m",
                "-J-Xmx2g", "-Dbuild.property=x", "-O2", "@args.txt", "-o", "name", "org.app.Main");
        assertThat(request.classpath()).containsExactly(dir.resolve("classes"), dir.resolve("missing.jar"));
        assertThat(request.builderArgs()).containsExactly("-H:+UnlockExperimentalVMOptions@user", "-H:Foo@user=bar", "-R:MaxHeapSize=1m",
                "-H:Optimize=2", "-H:+FromFile@argfile:" + dir.resolve("args.txt"),
                "-H:FallbackThreshold@argfile:" + dir.resolve("args.txt") + "+api=0", "-H:Name@user+api=name");
        assertThat(request.builderJavaArgs()).containsExactly("-Xmx2g", "-Dbuild.property=x");
        assertThat(request.leftovers).containsExactly("org.app.Main");
    }

    @Test
    void invalidEntriesOfAPropertiesFileNameTheirOrigin() throws Exception {
        TestJars.jar(dir.resolve("bad.jar"), Map.of(), Map.of("META-INF/native-image/x/y/native-image.properties", "Args = not-an-option\n"));
        assertThatThrownBy(() -> process("-cp", "bad.jar", "Main")).isInstanceOf(DriverException.class)
                .hasMessageContaining("native-image.properties").hasMessageContaining("'not-an-option'");
    }

    @Test
    void unsupportedAndMalformedOptionsAreClearErrors() throws Exception {
        assertThatThrownBy(() -> process("-p", "mods", "-m", "a/b.Main")).hasMessageContaining("module-path builds are not supported");
        assertThatThrownBy(() -> process("-J", "-Xmx1g")).hasMessageContaining("-J option should not be followed by a space");
        assertThatThrownBy(() -> process("-H:+Flag=1")).hasMessageContaining("Malformed boolean option");
        assertThatThrownBy(() -> process("-jar", "absent.jar")).hasMessageContaining("valid jarfile");
        TestJars.jar(dir.resolve("nomain.jar"), Map.of(), Map.of());
        assertThatThrownBy(() -> process("-jar", "nomain.jar")).hasMessageContaining("No main manifest attribute");
    }
}
