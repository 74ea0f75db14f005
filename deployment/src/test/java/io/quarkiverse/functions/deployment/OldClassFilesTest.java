package io.quarkiverse.functions.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.gizmo.Gizmo;

/**
 * Java 5 class files (the one such library of a Lambda application is joda-time) are found in their jar and rewritten
 * as Java 6 class files with stack map frames, which the type-checking verifier accepts and an AOT cache can hold.
 */
class OldClassFilesTest {

    /** {@code int sign(int x) { return x < 0 ? -1 : 1; }}: a branch, so the verifier needs a frame. */
    static byte[] javaFiveClass(String name) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor sign = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "sign", "(I)I", null, null);
        sign.visitCode();
        Label negative = new Label();
        sign.visitVarInsn(Opcodes.ILOAD, 0);
        sign.visitJumpInsn(Opcodes.IFLT, negative);
        sign.visitInsn(Opcodes.ICONST_1);
        sign.visitInsn(Opcodes.IRETURN);
        sign.visitLabel(negative);
        sign.visitInsn(Opcodes.ICONST_M1);
        sign.visitInsn(Opcodes.IRETURN);
        sign.visitMaxs(0, 0);
        sign.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    static Path jar(Path dir, String file, String className, byte[] bytes) throws Exception {
        Path jar = dir.resolve(file);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/versions/9/ignored.txt"));
            out.closeEntry();
            out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
            out.write(bytes);
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void findsTheJavaFiveClassesOfAJarAndNoneOfAModernOne(@TempDir Path dir) throws Exception {
        Path old = jar(dir, "old.jar", "org.example.Sign", javaFiveClass("org/example/Sign"));
        assertThat(OldClassFiles.oldClasses(old)).containsExactly("org.example.Sign");

        Path modern = dir.resolve("modern.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(modern))) {
            out.putNextEntry(new JarEntry("org/example/Modern.class"));
            out.write(Files.readAllBytes(Path.of(OldClassFilesTest.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).resolve(OldClassFilesTest.class.getName().replace('.', '/') + ".class")));
            out.closeEntry();
        }
        assertThat(OldClassFiles.oldClasses(modern)).isEmpty();
    }

    @Test
    void theRewriteIsJavaSixWithFramesAndStillRuns(@TempDir Path dir) throws Exception {
        byte[] original = javaFiveClass("org/example/Sign");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path old = jar(lib, "old.jar", "org.example.Sign", original);

        assertThat(OldClassFiles.rewriteJars(lib, List.of(old))).containsExactly(old);

        byte[] rewritten;
        try (JarFile jar = new JarFile(old.toFile())) {
            assertThat(jar.getEntry("META-INF/versions/9/ignored.txt")).as("other entries are kept").isNotNull();
            rewritten = jar.getInputStream(jar.getEntry("org/example/Sign.class")).readAllBytes();
        }
        assertThat(((rewritten[6] & 0xff) << 8) | (rewritten[7] & 0xff)).isEqualTo(50);
        assertThat(frames(original)).isEmpty();
        assertThat(frames(rewritten)).containsExactly("sign");
        Class<?> loaded = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) {
                return defineClass(name, rewritten, 0, rewritten.length);
            }
        }.loadClass("org.example.Sign");
        assertThat(loaded.getMethod("sign", int.class).invoke(null, -5)).isEqualTo(-1);
        assertThat(loaded.getMethod("sign", int.class).invoke(null, 5)).isEqualTo(1);
        assertThat(OldClassFiles.rewriteJars(lib, List.of(old))).as("a rewritten jar is left alone").isEmpty();
    }

    /** @return the methods that carry stack map frames */
    static List<String> frames(byte[] bytes) {
        List<String> methods = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Gizmo.ASM_API_VERSION) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Gizmo.ASM_API_VERSION) {
                    @Override
                    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
                        if (!methods.contains(name)) {
                            methods.add(name);
                        }
                    }
                };
            }
        }, 0);
        return methods;
    }
}
