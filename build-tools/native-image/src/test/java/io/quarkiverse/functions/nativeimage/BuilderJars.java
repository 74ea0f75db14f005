package io.quarkiverse.functions.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The image builder's jar, copied by the build for the tests: they read its option table and C interface. */
public final class BuilderJars {

    private BuilderJars() {
    }

    public static Path svm() {
        Path dir = Path.of(System.getProperty("test.builder.jars", "target/test-builder-jars"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("svm-[0-9.]+\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No svm jar in " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Listing " + dir, e);
        }
    }
}
