package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a {@link BuildRequest} into one JVM run of the image builder (module {@code org.graalvm.nativeimage.builder},
 * main class {@code NativeImageGeneratorRunner}): the JVM options (JVMCI, the builder's JDK-internal exports, the
 * properties the builder reads), and the builder arguments, passed in a file as the builder expects.
 */
public final class BuilderLauncher {

    static final String BUILDER_MAIN = "org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner";
    /** Environment variables the builder keeps; everything else (JAVA_TOOL_OPTIONS, CLASSPATH …) is dropped. */
    static final Set<String> KEPT_ENVIRONMENT = Set.of("PATH", "HOME", "USER", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE",
            "SOURCE_DATE_EPOCH", "TERM", "NO_COLOR");

    private final Toolchain toolchain;
    private final Properties properties;

    public BuilderLauncher(Toolchain toolchain) {
        this.toolchain = toolchain;
        this.properties = toolchain.readProperties();
    }

    /** The image's directory and file name, once {@link #complete} has run. */
    public record Image(Path directory, String name) {
        public Path file() {
            return directory.resolve(name);
        }
    }

    /** Adds what the driver decides: class path of the C libraries, main class and image name, linking, defaults. */
    public Image complete(BuildRequest request) {
        List<String> args = request.builderArgs;
        args.add(0, BuildRequest.withOrigin("-H:Path=" + request.workingDirectory, BuildRequest.ORIGIN_DRIVER));
        args.add(0, "-H:CLibraryPath=" + toolchain.cLibraryPath().stream().map(Path::toString).collect(Collectors.joining(",")));

        List<String> leftovers = new ArrayList<>(request.leftovers);
        if (!request.jarMode && !leftovers.isEmpty()) {
            request.addHostedOption("-H:Class=" + leftovers.remove(0), "explicit main-class");
        }
        if (!leftovers.isEmpty()) {
            request.addHostedOption("-H:Name=" + leftovers.remove(0), "explicit image name");
        }
        if (!leftovers.isEmpty()) {
            throw new DriverException("Unrecognized option(s): " + leftovers.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")));
        }
        String mainClass = request.lastValue("Class").orElse(null);
        if (request.lastValue("Name").isEmpty()) {
            if (request.jarMode) {
                String jar = request.jar.getFileName().toString();
                request.addHostedOption("-H:Name=" + jar.substring(0, jar.length() - ".jar".length()), "image-name from jar");
            } else if (mainClass != null) {
                request.addHostedOption("-H:Name=" + mainClass.toLowerCase(Locale.ROOT), "main-class lower case as image name");
            } else {
                throw new DriverException("Please specify the class containing the main entry point method (or -jar). See --help.");
            }
        }
        if (request.lastBoolean("StaticExecutable").orElse(false)) {
            throw new DriverException("--static is not possible with this toolchain: the JDK's libraries are linked as shared "
                    + "libraries (no static JDK libraries are available). See docs/native.md.");
        }
        // No fallback images: they need a JDK at run time, the opposite of what this toolchain is for.
        if (request.lastValue("FallbackThreshold").isEmpty()) {
            request.addHostedOption("-H:FallbackThreshold=0", BuildRequest.ORIGIN_DRIVER);
        }
        // The JDK libraries are shared libraries shipped next to the image: find them there, wherever it is moved.
        args.add("-H:+UnlockExperimentalVMOptions");
        request.addHostedOption("-H:NativeLinkerOption=-Wl,-rpath,$ORIGIN", BuildRequest.ORIGIN_DRIVER);
        request.addHostedOption("-H:NativeLinkerOption=-Wl,-rpath-link," + toolchain.sharedLibraries(), BuildRequest.ORIGIN_DRIVER);
        args.add("-H:-UnlockExperimentalVMOptions");

        Path name = Path.of(request.lastValue("Name").orElseThrow());
        Path directory = Path.of(request.lastValue("Path").orElseThrow());
        if (name.getParent() != null) {
            directory = directory.resolve(name.getParent());
            if (!Files.isDirectory(directory)) {
                throw new DriverException("Writing image to non-existent directory " + directory + " is not allowed.");
            }
            request.addHostedOption("-H:Name=" + name.getFileName(), BuildRequest.ORIGIN_DRIVER);
            request.addHostedOption("-H:Path=" + directory, BuildRequest.ORIGIN_DRIVER);
        }
        String buildId = UUID.nameUUIDFromBytes(String.join("\0", args).getBytes(StandardCharsets.UTF_8)).toString();
        request.addHostedOption("-H:ImageBuildID=" + buildId, BuildRequest.ORIGIN_DRIVER);
        return new Image(directory, name.getFileName().toString());
    }

    /** The JVM command line, up to and including the builder's main module and its keep-alive argument. */
    public List<String> javaCommand(BuildRequest request, Path driverTemp) {
        List<String> command = new ArrayList<>();
        command.add(toolchain.java().toString());
        command.add("-XX:+UnlockExperimentalVMOptions");
        command.add("-XX:+EnableJVMCI");
        command.add("-XX:-UseJVMCICompiler");
        command.addAll(readLines(toolchain.builderExports()));
        command.add("-Xss10m");
        if (request.builderJavaArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAMPercentage"))) {
            command.add("-XX:MaxRAMPercentage=" + properties.getProperty("builder.max-ram-percentage", "80"));
        }
        command.add("-XX:+UseParallelGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dorg.graalvm.vendor=" + properties.getProperty("vendor"));
        command.add("-Dorg.graalvm.vendorurl=" + properties.getProperty("vendor.url"));
        command.add("-Dorg.graalvm.vendorversion=" + properties.getProperty("vendor.version"));
        command.add("-Dorg.graalvm.version=" + properties.getProperty("graalvm.version"));
        command.add("-Dcom.oracle.graalvm.isaot=true");
        command.add("-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader");
        command.add("-Dorg.graalvm.nativeimage.imagecode=buildtime");
        command.add("-Xshare:off");
        command.add("-Djdk.internal.lambda.disableEagerInitialization=true");
        command.add("-Djdk.internal.lambda.eagerlyInitialize=false");
        command.add("-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false");
        // For AOT compilation, method handle profiling and speculation only get in the way (GraalVM's driver does the same).
        command.add("-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1");
        command.add("-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false");
        command.addAll(request.builderJavaArgs);
        if (!request.addedModules.isEmpty()) {
            command.add("-Dsvm.modulesupport.addedModules=" + String.join(",", request.addedModules));
        }
        command.add("--upgrade-module-path");
        command.add(join(Toolchain.jars(toolchain.compilerJars())));
        command.add("--module-path");
        command.add(join(Toolchain.jars(toolchain.builderJars())));
        command.add("--enable-native-access=" + properties.getProperty("builder.modules"));
        command.add("--module");
        command.add(BUILDER_MAIN);
        // The builder exits when this file goes away: the driver's own /proc entry, so a killed driver ends the build.
        command.add("-keepalive");
        command.add("/proc/" + ProcessHandle.current().pid() + "/comm");
        return command;
    }

    /** The builder's own arguments, in the form of its argument file: NUL-separated, image class path first. */
    public static String builderArgumentFile(BuildRequest request) {
        List<String> all = new ArrayList<>();
        all.add("-imagecp");
        all.add(join(request.classpath()));
        all.addAll(request.builderArgs);
        return String.join("\0", all);
    }

    public Map<String, String> environment(BuildRequest request, Map<String, String> current, Path driverTemp) {
        Map<String, String> environment = new java.util.TreeMap<>();
        current.forEach((key, value) -> {
            if (KEPT_ENVIRONMENT.contains(key)) {
                environment.put(key, value);
            }
        });
        request.builderEnvironment.forEach((key, value) -> {
            if (value != null) {
                environment.put(key, value);
            }
        });
        environment.put("USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM", "true");
        environment.put("DRIVER_TEMP_DIR_ENV_VARIABLE", driverTemp.toString());
        return environment;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new DriverException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
