package io.quarkiverse.functions.nativeimage.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Argument files and NATIVE_IMAGE_OPTIONS, with the rules the java launcher documents for its own. */
class ArgFilesTest {

    @Test
    void whiteSpaceQuotesAndComments() {
        assertThat(ArgFiles.parseFile("--no-fallback -H:Name=a\n# a comment -H:Ignored\n\t-cp 'dir with space/x.jar'\r\n\"-Dv=a b\""))
                .containsExactly("--no-fallback", "-H:Name=a", "-cp", "dir with space/x.jar", "-Dv=a b");
    }

    @Test
    void escapesAndContinuationsInsideQuotes() {
        assertThat(ArgFiles.parseFile("\"a\\tb\" \"c\\\\d\" \"long \\\n     line\"")).containsExactly("a\tb", "c\\d", "long line");
        assertThat(ArgFiles.parseFile("x\"y z\"w")).containsExactly("xy zw");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> ArgFiles.parseFile("\"open")).isInstanceOf(DriverException.class);
    }

    @Test
    void environmentVariable() {
        assertThat(ArgFiles.parseVariable("NATIVE_IMAGE_OPTIONS", "  -H:+A  '-Dk=v w' --verbose")).containsExactly("-H:+A", "-Dk=v w", "--verbose");
        assertThatThrownBy(() -> ArgFiles.parseVariable("NATIVE_IMAGE_OPTIONS", "@file")).hasMessageContaining("argument files");
        assertThatThrownBy(() -> ArgFiles.parseVariable("NATIVE_IMAGE_OPTIONS", "'x")).hasMessageContaining("Unmatched quote");
    }
}
