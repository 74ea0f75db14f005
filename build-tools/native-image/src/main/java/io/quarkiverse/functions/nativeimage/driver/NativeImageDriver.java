package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code bin/native-image} of an assembled toolchain: the command Quarkus (and users) call. It answers
 * {@code --version} as GraalVM's driver does, reads the arguments into a {@link BuildRequest}, runs the image builder
 * once, then ships the shared libraries the image needs next to it.
 */
public final class NativeImageDriver {

    private NativeImageDriver() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(List.of(args));
        } catch (DriverException e) {
            System.err.println("Error: " + e.getMessage());
            exit = e.exitCode();
        }
        System.exit(exit);
    }

    static int run(List<String> args) {
        String home = System.getProperty("native-image.home");
        if (home == null) {
            throw new DriverException("System property native-image.home is not set: start the driver with bin/native-image");
        }
        Toolchain toolchain = new Toolchain(Path.of(home));
        if (args.equals(List.of("--version"))) {
            version(toolchain.readProperties()).forEach(System.out::println);
            return 0;
        }
        if (args.isEmpty() || args.equals(List.of("--help"))) {
            System.out.println(USAGE);
            return 0;
        }

        Path workingDirectory = Path.of("").toAbsolutePath();
        BuildRequest request = new BuildRequest(workingDirectory);
        ArgumentProcessor processor;
        try {
            processor = new ArgumentProcessor(request, ApiOptionTable.read(toolchain.apiOptions()), toolchain.home());
        } catch (IOException e) {
            throw new DriverException("Cannot read the option table " + toolchain.apiOptions() + ": " + e.getMessage());
        }
        List<String> all = new ArrayList<>();
        String fromEnvironment = System.getenv("NATIVE_IMAGE_OPTIONS");
        if (fromEnvironment != null) {
            System.out.println("Picked up NATIVE_IMAGE_OPTIONS: " + fromEnvironment);
            all.addAll(ArgFiles.parseVariable("NATIVE_IMAGE_OPTIONS", fromEnvironment));
        }
        all.addAll(args);
        processor.processCommandLine(all);
        request.warnings().forEach(w -> System.err.println("Warning: " + w));

        BuilderLauncher launcher = new BuilderLauncher(toolchain);
        BuilderLauncher.Image image = launcher.complete(request);
        return build(launcher, request, image, toolchain);
    }

    private static int build(BuilderLauncher launcher, BuildRequest request, BuilderLauncher.Image image, Toolchain toolchain) {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("native-image-driver-");
            Path builderArgs = temp.resolve("native-image.args");
            Files.writeString(builderArgs, BuilderLauncher.builderArgumentFile(request), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(launcher.javaCommand(request, temp));
            command.add("--image-args-file=" + builderArgs);
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().clear();
            builder.environment().putAll(launcher.environment(request, System.getenv(), temp));
            if (request.verbose || request.dryRun) {
                System.out.println("Executing [");
                builder.environment().forEach((k, v) -> System.out.println(k + "=" + v));
                command.forEach(c -> System.out.println(c + " \\"));
                System.out.println(BuilderLauncher.builderArgumentFile(request).replace('\0', '\n'));
                System.out.println("]");
            }
            if (request.dryRun) {
                return 0;
            }
            int exit = builder.start().waitFor();
            if (exit != 0) {
                return exit;
            }
            if (Files.isRegularFile(image.file())) {
                for (Path library : SharedLibraries.ship(image.file(), toolchain.sharedLibraries())) {
                    System.out.println("Shipped " + library.getFileName() + " next to " + image.name()
                            + " (the image finds it through its $ORIGIN run path)");
                }
            }
            return 0;
        } catch (IOException e) {
            throw new DriverException("Image build failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("Interrupted while the image builder ran");
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The three lines GraalVM's driver prints, which Quarkus parses: the JDK's version, then the builder's
     * distribution. The builder jars are GraalVM CE's, so that is what the lines say; the suffix names this toolchain.
     */
    static List<String> version(Properties toolchain) {
        String vendorVersion = toolchain.getProperty("vendor.version");
        String runtimeVersion = System.getProperty("java.runtime.version");
        return List.of(
                "native-image " + System.getProperty("java.version") + " " + System.getProperty("java.version.date"),
                "GraalVM Runtime Environment " + vendorVersion + " (build " + runtimeVersion + ")",
                "Substrate VM " + vendorVersion + " (build " + runtimeVersion + ", serial gc)");
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    static final String USAGE = """
            Usage: native-image [options] -jar jarfile [imagename]
                   native-image [options] -cp classpath mainclass [imagename]

            The native-image driver of the Quarkus Functions toolchain (GraalVM CE's image builder from Maven Central,
            a JDK, and this project's own driver and C helpers). It takes the options of GraalVM's native-image:
            the builder's API options (--no-fallback, --features=..., -o name, --gc=...), -H: and -R: options,
            -J<jvm option> and -D<property> for the builder JVM, @argfiles and NATIVE_IMAGE_OPTIONS.
            Not supported: module-path builds (-p, -m), --static, bundles, fallback images.
            See docs/native.md.""";
}
