package io.quarkiverse.functions.nativeimage.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.nativeimage.BuilderJars;

/** The builder module's JDK-internal packages are found in its class files, as exports to that module. */
class BuilderExportsScannerTest {

    @Test
    void internalPackagesTheBuilderUses() throws Exception {
        List<String> exports = BuilderExportsScanner.scan(List.of(BuilderJars.svm()));
        assertThat(exports).contains("--add-exports=java.base/jdk.internal.misc=org.graalvm.nativeimage.builder",
                "--add-exports=java.base/jdk.internal.module=org.graalvm.nativeimage.builder");
        assertThat(exports).as("exported packages need nothing").noneMatch(e -> e.contains("java.base/java.lang="));
        assertThat(BuilderExportsScanner.referencedPackages(BuilderJars.svm())).contains("jdk.vm.ci.meta", "java.lang");
    }
}
