package io.quarkiverse.functions.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jboss.logging.Logger;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.gizmo.Gizmo;
import io.quarkus.maven.dependency.ResolvedDependency;

/**
 * Rewrites the classes of dependencies compiled for Java 5 or older (class file version below 50) as Java 6 class
 * files with stack map frames.
 * <p>
 * Such classes cost every cold start twice. The JVM verifies them with the old type-inferring verifier, and a JDK
 * 24+ AOT cache cannot hold them with its classes linked ({@code Skipping ...: Old class has been linked}), so they are
 * read from their jar and verified at each start even when the cache holds everything else. The one such library in
 * a Lambda application is {@code joda-time}: Quarkus's Lambda support registers Jackson's Joda module at static init,
 * which loads about 100 of its classes.
 * <p>
 * The rewrite changes the version and adds frames (Quarkus writes transformed classes with {@code COMPUTE_FRAMES});
 * the instructions stay as they are. Version 50 keeps a safety net: if the JVM's type-checking verifier ever rejected
 * a computed frame, it falls back to the old verifier for a version 50 class.
 */
class ClassFileVersionProcessor {

    private static final Logger LOG = Logger.getLogger(ClassFileVersionProcessor.class);
    static final int JAVA_6 = 50;

    @BuildStep
    void upgradeOldClassFiles(CurateOutcomeBuildItem curate, BuildProducer<BytecodeTransformerBuildItem> transformers) {
        for (ResolvedDependency dependency : curate.getApplicationModel().getRuntimeDependencies()) {
            for (Path path : dependency.getResolvedPaths()) {
                if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
                    continue;
                }
                List<String> old = oldClasses(path);
                for (String className : old) {
                    transformers.produce(new BytecodeTransformerBuildItem.Builder()
                            .setClassToTransform(className)
                            .setCacheable(true)
                            // a class ASM cannot give frames (one with JSR/RET) stays as it was
                            .setContinueOnFailure(true)
                            .setVisitorFunction((name, visitor) -> new ToJava6(visitor))
                            .build());
                }
                if (!old.isEmpty()) {
                    LOG.debugf("Rewriting %d classes of %s as Java 6 class files with stack map frames", old.size(),
                            dependency.toCompactCoords());
                }
            }
        }
    }

    /**
     * @return the classes of the jar with a class file version below 50; none when its first class is newer, since a
     *         jar is compiled for one target
     */
    static List<String> oldClasses(Path jar) {
        List<String> old = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                int major = majorVersion(zip, entry);
                if (major >= JAVA_6) {
                    if (old.isEmpty()) {
                        return old;
                    }
                    continue;
                }
                old.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + jar, e);
        }
        return old;
    }

    private static int majorVersion(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            return header.length < 8 ? Integer.MAX_VALUE : ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        }
    }

    static final class ToJava6 extends ClassVisitor {
        ToJava6(ClassVisitor delegate) {
            super(Gizmo.ASM_API_VERSION, delegate);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            super.visit((version & 0xffff) < JAVA_6 ? Opcodes.V1_6 : version, access, name, signature, superName, interfaces);
        }

        /**
         * Not the writer's own method visitor: ASM would then copy the method's bytes as they are, without frames.
         */
        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Gizmo.ASM_API_VERSION,
                    super.visitMethod(access, name, descriptor, signature, exceptions)) {
            };
        }
    }
}
