package io.quarkiverse.functions.nativeimage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver adds to a build, and the one JVM run of the builder it becomes. */
class BuilderLauncherTest {

    @TempDir
    Path home;
    @TempDir
    Path work;
    Toolchain toolchain;

    @BeforeEach
    void toolchain() throws Exception {
        toolchain = new Toolchain(home);
        Files.createDirectories(toolchain.svm());
        Files.writeString(toolchain.properties(), "graalvm.version=25.0.2\nvendor=V\nvendor.url=U\nvendor.version=GraalVM CE 25.0.2+t\n"
                + "builder.modules=org.graalvm.nativeimage.builder,jdk.graal.compiler\n");
        Files.writeString(toolchain.builderExports(), "--add-exports=java.base/jdk.internal.misc=org.graalvm.nativeimage.builder\n");
        for (Path dir : List.of(toolchain.builderJars(), toolchain.compilerJars())) {
            Files.createDirectories(dir);
        }
        Files.writeString(toolchain.builderJars().resolve("svm-25.0.2.jar"), "");
        Files.writeString(toolchain.compilerJars().resolve("compiler-25.0.2.jar"), "");
    }

    BuildRequest request(String... args) {
        BuildRequest request = new BuildRequest(work);
        new ArgumentProcessor(request, ArgumentProcessorTest.API, home).processCommandLine(List.of(args));
        return request;
    }

    @Test
    void mainClassAndImageNameFromTheLeftovers() {
        BuildRequest request = request("-cp", "classes", "org.app.Main", "app");
        BuilderLauncher.Image image = new BuilderLauncher(toolchain).complete(request);
        assertThat(image.file()).isEqualTo(work.resolve("app"));
        assertThat(request.builderArgs().get(0)).startsWith("-H:CLibraryPath=" + toolchain.cLibraryPath().get(0));
        assertThat(request.builderArgs()).contains("-H:Path@driver=" + work, "-H:Class@explicit main-class=org.app.Main",
                "-H:Name@explicit image name=app", "-H:FallbackThreshold@driver=0",
                "-H:NativeLinkerOption@driver=-Wl,-rpath,$ORIGIN");
        assertThat(request.builderArgs()).anyMatch(a -> a.startsWith("-H:ImageBuildID@driver="));
    }

    @Test
    void imageNameFromTheJarOrTheMainClass() throws Exception {
        TestJars.jar(work.resolve("my-app.jar"), Map.of("Main-Class", "org.app.Main"), Map.of());
        assertThat(new BuilderLauncher(toolchain).complete(request("-jar", "my-app.jar")).name()).isEqualTo("my-app");
        assertThat(new BuilderLauncher(toolchain).complete(request("-cp", "c", "org.app.Main")).name()).isEqualTo("org.app.main");
        assertThatThrownBy(() -> new BuilderLauncher(toolchain).complete(request("-cp", "c", "-o", "sub/x", "M")))
                .hasMessageContaining("non-existent directory");
        Files.createDirectories(work.resolve("sub"));
        BuilderLauncher.Image image = new BuilderLauncher(toolchain).complete(request("-cp", "c", "-o", "sub/x", "M"));
        assertThat(image.file()).isEqualTo(work.resolve("sub/x"));
    }

    @Test
    void refusesWhatThisToolchainCannotBuild() {
        assertThatThrownBy(() -> new BuilderLauncher(toolchain).complete(request("-cp", "c", "-H:+StaticExecutable", "Main")))
                .hasMessageContaining("--static is not possible");
        assertThatThrownBy(() -> new BuilderLauncher(toolchain).complete(request("-cp", "c")))
                .hasMessageContaining("main entry point");
        assertThatThrownBy(() -> new BuilderLauncher(toolchain).complete(request("-cp", "c", "Main", "name", "extra")))
                .hasMessageContaining("Unrecognized option(s): 'extra'");
    }

    @Test
    void oneJvmRunOfTheBuilderModule() {
        BuildRequest request = request("-cp", "classes", "-J-Xmx3g", "-Dk=v", "Main");
        new BuilderLauncher(toolchain).complete(request);
        List<String> command = new BuilderLauncher(toolchain).javaCommand(request, work);
        assertThat(command.get(0)).isEqualTo(home.resolve("bin/java").toString());
        assertThat(command).contains("-XX:+EnableJVMCI", "--add-exports=java.base/jdk.internal.misc=org.graalvm.nativeimage.builder",
                "-Xmx3g", "-Dk=v", "-Dorg.graalvm.version=25.0.2", "-Dorg.graalvm.vendorversion=GraalVM CE 25.0.2+t",
                "--enable-native-access=org.graalvm.nativeimage.builder,jdk.graal.compiler");
        assertThat(command).doesNotContain("-XX:MaxRAMPercentage=80");
        assertThat(command.subList(command.indexOf("--upgrade-module-path"), command.size())).startsWith("--upgrade-module-path",
                toolchain.compilerJars().resolve("compiler-25.0.2.jar").toString(), "--module-path",
                toolchain.builderJars().resolve("svm-25.0.2.jar").toString());
        assertThat(command.get(command.size() - 3)).isEqualTo(BuilderLauncher.BUILDER_MAIN);
        assertThat(command.get(command.size() - 2)).isEqualTo("-keepalive");

        String file = BuilderLauncher.builderArgumentFile(request);
        assertThat(file.split("\0")).startsWith("-imagecp", work.resolve("classes").toString());
        Map<String, String> env = new BuilderLauncher(toolchain).environment(request, Map.of("PATH", "/bin", "JAVA_TOOL_OPTIONS", "-X"), work);
        assertThat(env).containsEntry("PATH", "/bin").containsEntry("USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM", "true")
                .doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void versionAsQuarkusReadsIt() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("vendor.version", "GraalVM CE 25.0.2+quarkus-functions-toolchain");
        List<String> lines = NativeImageDriver.version(properties);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("native-image " + java.util.regex.Pattern.quote(System.getProperty("java.version")) + " .+");
        // Quarkus takes the GraalVM version from the vendor version up to '+' on JDK 25 and newer.
        assertThat(lines.get(1)).matches("GraalVM Runtime Environment GraalVM CE 25\\.0\\.2\\+\\S+ \\(build .+\\)");
        assertThat(lines.get(2)).matches("Substrate VM GraalVM CE 25\\.0\\.2\\+\\S+ \\(build .+, serial gc\\)");
    }
}
