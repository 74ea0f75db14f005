package io.quarkiverse.functions.nativeimage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared libraries an image needs are read from the ELF files and copied next to it, transitively. */
class SharedLibrariesTest {

    static final Path JDK_LIB = Path.of(System.getProperty("java.home"), "lib");

    @Test
    void readsTheNeededEntriesOfAnElfFile() throws Exception {
        assertThat(SharedLibraries.needed(JDK_LIB.resolve("libnio.so"))).contains("libjava.so", "libnet.so");
        assertThat(SharedLibraries.needed(JDK_LIB.resolve("libjava.so"))).contains("libjvm.so");
    }

    @Test
    void shipsWhatTheImageNeedsAndOnlyThat(@TempDir Path available, @TempDir Path out) throws Exception {
        // The "image" is libnio.so: it needs libjava.so and libnet.so, which need libjvm.so, which is not available.
        Files.copy(JDK_LIB.resolve("libjava.so"), available.resolve("libjava.so"));
        Files.copy(JDK_LIB.resolve("libnet.so"), available.resolve("libnet.so"));
        Files.copy(JDK_LIB.resolve("libzip.so"), available.resolve("libzip.so"));
        Path image = Files.copy(JDK_LIB.resolve("libnio.so"), out.resolve("image"));

        assertThat(SharedLibraries.ship(image, available)).containsExactlyInAnyOrder(out.resolve("libjava.so"), out.resolve("libnet.so"));
        assertThat(out.resolve("libzip.so")).doesNotExist();
    }

    @Test
    void refusesWhatIsNotAnElfFile(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("x"), "#!/bin/sh\n".repeat(10));
        assertThatThrownBy(() -> SharedLibraries.needed(text)).hasMessageContaining("not a 64-bit little-endian ELF file");
    }
}
