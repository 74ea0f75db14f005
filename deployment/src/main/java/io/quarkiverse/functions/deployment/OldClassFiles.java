package io.quarkiverse.functions.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.gizmo.Gizmo;

/**
 * Rewrites the classes of a jar compiled for Java 5 or older (class file version below 50) as Java 6 class files with
 * stack map frames, for an artifact whose JVM starts from an AOT cache.
 * <p>
 * A JDK 24+ AOT cache cannot hold such classes with their classes linked ({@code Skipping ...: Old class has been
 * linked}): they are read from their jar and verified by the old type-inferring verifier at each start, even when the
 * cache holds everything else. The one such library of a Lambda application is {@code joda-time}: Quarkus's Lambda
 * support registers Jackson's Joda module at static init, which loads about 100 of its classes.
 * <p>
 * Only the artifact that has a cache gets the rewrite (the Lambda JVM custom runtime's copy of {@code lib/}), not the
 * application: Quarkus preloads and initialises every transformed class at start when SnapStart's class preloading is
 * on, as the Lambda extension makes it by default. As a Quarkus bytecode transformation, the rewrite made the managed
 * runtime load all 247 joda-time classes at start instead of the 85 it uses.
 * <p>
 * The rewrite changes the version and adds frames; the instructions stay as they are. Version 50 keeps a safety net:
 * if the JVM's type-checking verifier ever rejected a computed frame, it falls back to the old verifier for a version
 * 50 class.
 */
public final class OldClassFiles {

    static final int JAVA_6 = 50;

    private OldClassFiles() {
    }

    /**
     * Rewrites, in place, each jar of {@code dir} that holds old class files.
     *
     * @param classPath every jar of the application, to resolve the common super classes that frames name
     * @return the rewritten jars
     */
    public static List<Path> rewriteJars(Path dir, List<Path> classPath) throws IOException {
        List<Path> rewritten = new ArrayList<>();
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classPath.get(i).toUri().toURL();
        }
        try (URLClassLoader resolver = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
                var jars = Files.list(dir)) {
            for (Path jar : jars.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                if (!signed(jar) && !oldClasses(jar).isEmpty()) {
                    Path copy = jar.resolveSibling(jar.getFileName() + ".tmp");
                    rewrite(jar, copy, resolver);
                    Files.move(copy, jar, StandardCopyOption.REPLACE_EXISTING);
                    rewritten.add(jar);
                }
            }
        }
        return rewritten;
    }

    /** A signed jar's signature would no longer match rewritten classes: such a jar stays as it is. */
    static boolean signed(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).anyMatch(name -> name.startsWith("META-INF/")
                    && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC")));
        }
    }

    /**
     * Copies {@code jar} to {@code out}, its old class files rewritten, every other entry as it is.
     */
    static void rewrite(Path jar, Path out, ClassLoader resolver) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
                JarOutputStream target = new JarOutputStream(Files.newOutputStream(out))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && bytes.length >= 8
                        && (((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff)) < JAVA_6) {
                    bytes = toJava6(bytes, resolver);
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                target.write(bytes);
                target.closeEntry();
            }
        }
    }

    /**
     * @return the class as Java 6 with frames, or as it was when ASM cannot give it frames (JSR/RET instructions, a
     *         super class missing from the class path): the JVM then verifies it as before
     */
    static byte[] toJava6(byte[] original, ClassLoader resolver) {
        try {
            return rewrite(original, resolver);
        } catch (RuntimeException e) {
            return original;
        }
    }

    private static byte[] rewrite(byte[] original, ClassLoader resolver) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return resolver;
            }
        };
        reader.accept(new ToJava6(writer), 0);
        return writer.toByteArray();
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
