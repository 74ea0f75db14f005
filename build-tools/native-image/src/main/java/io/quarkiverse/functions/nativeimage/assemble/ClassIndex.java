package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * The classes of a set of jars, read with ASM on demand: the builder jars are about 20,000 classes, so they are kept
 * as bytes and parsed one at a time.
 */
public final class ClassIndex implements AutoCloseable {

    private final List<JarFile> jars = new ArrayList<>();
    private final Map<String, Location> locations = new LinkedHashMap<>();
    private final boolean withCode;

    private record Location(JarFile jar, JarEntry entry) {
    }

    private ClassIndex(boolean withCode) {
        this.withCode = withCode;
    }

    /**
     * @param withCode whether {@link #all()} parses method bodies too ({@link #get} always does)
     */
    public static ClassIndex of(List<Path> jarPaths, boolean withCode) throws IOException {
        ClassIndex index = new ClassIndex(withCode);
        for (Path path : jarPaths) {
            JarFile jar = new JarFile(path.toFile());
            index.jars.add(jar);
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                    index.locations.putIfAbsent(name.substring(0, name.length() - ".class".length()), new Location(jar, entry));
                }
            }
        }
        return index;
    }

    /** A class by internal name, with code, or an error naming it. */
    public ClassNode get(String internalName) {
        Location location = locations.get(internalName);
        if (location == null) {
            throw new IllegalStateException("Class " + internalName + " is not in the builder jars");
        }
        return parse(location, true);
    }

    /** The jar holding a class, by internal name; null when none does. */
    public String jarOf(String internalName) {
        Location location = locations.get(internalName);
        return location == null ? null : location.jar.getName();
    }

    public Iterable<ClassNode> all() {
        return () -> new Iterator<>() {
            private final Iterator<Location> next = locations.values().iterator();

            @Override
            public boolean hasNext() {
                return next.hasNext();
            }

            @Override
            public ClassNode next() {
                return parse(next.next(), withCode);
            }
        };
    }

    private static ClassNode parse(Location location, boolean withCode) {
        try (InputStream in = location.jar.getInputStream(location.entry)) {
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, withCode ? ClassReader.SKIP_FRAMES : ClassReader.SKIP_CODE);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + location.entry.getName() + " from " + location.jar.getName(), e);
        }
    }

    @Override
    public void close() throws IOException {
        for (JarFile jar : jars) {
            jar.close();
        }
    }
}
