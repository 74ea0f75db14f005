package io.quarkiverse.functions.nativeimage.assemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.functions.nativeimage.BuilderJars;
import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.CFunction;
import io.quarkiverse.functions.nativeimage.assemble.CInterfaceScanner.Model;

/**
 * What the C helpers must provide is read from svm.jar: the functions of the libraries libchelper, jvm and
 * svm_container, the structs and constants of the headers the builder resolves, and the library-less functions.
 */
class CInterfaceScannerTest {

    static Model model;

    @BeforeAll
    static void scan() throws Exception {
        try (ClassIndex classes = ClassIndex.of(List.of(BuilderJars.svm()), false)) {
            model = new CInterfaceScanner(classes).scan();
        }
    }

    static CFunction function(String name) {
        return model.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void functionsOfTheToolchainsLibraries() {
        assertThat(function("determineCPUFeatures").library()).isEqualTo("libchelper");
        assertThat(function("determineCPUFeatures").owner()).contains("/amd64/").as("x86-64 only");
        assertThat(function("initialize").library()).isEqualTo("jvm");
        assertThat(function("svm_container_initialize").library()).isEqualTo("svm_container");
        assertThat(function("cSunMiscSignal_checkPendingSignal").returnType().getDescriptor()).isEqualTo("I");
        assertThat(model.functions()).noneMatch(f -> f.owner().contains("/aarch64/") || f.owner().contains("/windows/"));
    }

    @Test
    void headersStructsAndConstants() {
        assertThat(model.headers()).contains("amd64cpufeatures.h", "aarch64cpufeatures.h", "svm_locale.h");
        assertThat(model.platformHeaders()).contains("amd64cpufeatures.h", "svm_locale.h").doesNotContain("aarch64cpufeatures.h");
        CInterfaceScanner.CStruct features = model.structs().stream()
                .filter(s -> s.header().equals("amd64cpufeatures.h")).findFirst().orElseThrow();
        assertThat(features.name()).isEqualTo("CPUFeatures");
        assertThat(features.fields()).containsKeys("fCX8", "fAVX2", "fAVX512F");
        assertThat(model.constants()).extracting(CInterfaceScanner.CConstant::name).contains("SVM_LOCALE_INITIALIZATION_SUCCEEDED");
        assertThat(model.withoutLibrary()).contains("openSII", "fprintfSD", "close", "calloc");
    }

    @Test
    void writtenHeadersCompile(@TempDir Path dir) throws Exception {
        assumeTrue(gccAvailable(), "gcc is needed to compile the headers");
        new HeaderWriter().write(model, dir);
        Path source = Files.writeString(dir.resolve("check.c"), "#include \"svm_cinterface.h\"\n"
                + "int check(void) { CPUFeatures f; svm_locale_props_t p; return sizeof(f) + sizeof(p) + SVM_LOCALE_INITIALIZATION_SUCCEEDED; }\n");
        Process gcc = new ProcessBuilder("gcc", "-fsyntax-only", "-Wall", "-I" + dir, source.toString()).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as(output).isZero();
        assertThat(Files.readString(dir.resolve("svm_cinterface.h")))
                .contains("void determineCPUFeatures(CPUFeatures *);")
                .contains("svm_locale_props_t * svm_get_locale(void);")
                .contains("size_t svm_container_physical_memory(void);");
    }

    static boolean gccAvailable() {
        try {
            return new ProcessBuilder("gcc", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
