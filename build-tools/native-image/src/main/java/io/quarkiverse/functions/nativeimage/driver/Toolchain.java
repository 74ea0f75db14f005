package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The layout of an assembled GRAALVM_HOME: a copy of the JDK, plus under {@code lib/svm/} the builder jars, this
 * driver, the tables assembly derived from the builder jars, the C helper libraries and the shared JDK libraries that
 * images link to. {@link io.quarkiverse.functions.nativeimage.assemble.Assembler} writes it; the driver reads it.
 */
public record Toolchain(Path home) {

    public static final String PLATFORM = "linux-amd64";
    public static final String LIBC = "glibc";

    public Path java() {
        return home.resolve("bin/java");
    }

    public Path svm() {
        return home.resolve("lib/svm");
    }

    /** The image builder's modules, for {@code --module-path}. */
    public Path builderJars() {
        return svm().resolve("builder");
    }

    /** The Graal compiler, for {@code --upgrade-module-path} (it replaces the JDK's empty jdk.graal.compiler). */
    public Path compilerJars() {
        return svm().resolve("compiler");
    }

    public Path driverJars() {
        return svm().resolve("driver");
    }

    public Path apiOptions() {
        return svm().resolve("api-options.tsv");
    }

    /** One {@code --add-exports=…} per line: the JDK-internal packages the builder modules use. */
    public Path builderExports() {
        return svm().resolve("builder-exports.txt");
    }

    public Path properties() {
        return svm().resolve("toolchain.properties");
    }

    /** The C libraries path the builder is given: {@code clibraries/linux-amd64/glibc}, its parent and theirs. */
    public List<Path> cLibraryPath() {
        Path clibraries = svm().resolve("clibraries");
        return List.of(clibraries.resolve(PLATFORM).resolve(LIBC), clibraries.resolve(PLATFORM), clibraries);
    }

    /** The JDK's "static" libraries: linker scripts standing for its shared libraries. */
    public Path jdkStaticLibraries() {
        return home.resolve("lib/static").resolve(PLATFORM).resolve(LIBC);
    }

    /** Shared libraries an image may need at run time, copied next to it: the JDK's and this toolchain's libjvm.so. */
    public Path sharedLibraries() {
        return svm().resolve("shared");
    }

    public Properties readProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(properties())) {
            properties.load(in);
        } catch (IOException e) {
            throw new DriverException("This GRAALVM_HOME (" + home + ") is not an assembled toolchain: " + e.getMessage());
        }
        return properties;
    }

    public static List<Path> jars(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Listing jars in " + dir, e);
        }
    }
}
