package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The {@code --add-exports} the image builder's JVM needs: every JDK-internal package a builder module references
 * that its JDK module does not export to it. GraalVM's build declares these as {@code requiresConcealed}; here they
 * are read from the class files themselves, against the modules of the JDK that runs the builder (this scanner must
 * run on that JDK).
 */
public final class BuilderExportsScanner {

    private BuilderExportsScanner() {
    }

    public static List<String> scan(List<Path> builderJars) throws IOException {
        Map<String, ModuleDescriptor> packageOwners = new HashMap<>();
        for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
            for (String pkg : module.descriptor().packages()) {
                packageOwners.put(pkg, module.descriptor());
            }
        }
        TreeMap<String, TreeSet<String>> needed = new TreeMap<>();
        for (Path jar : builderJars) {
            String reader = ModuleFinder.of(jar).findAll().iterator().next().descriptor().name();
            for (String pkg : referencedPackages(jar)) {
                ModuleDescriptor owner = packageOwners.get(pkg);
                if (owner != null && !exported(owner, pkg, reader)) {
                    needed.computeIfAbsent(owner.name() + "/" + pkg, k -> new TreeSet<>()).add(reader);
                }
            }
        }
        List<String> result = new ArrayList<>();
        needed.forEach((pkg, readers) -> result.add("--add-exports=" + pkg + "=" + String.join(",", readers)));
        return result;
    }

    private static boolean exported(ModuleDescriptor owner, String pkg, String reader) {
        return owner.exports().stream().anyMatch(e -> e.source().equals(pkg) && (!e.isQualified() || e.targets().contains(reader)));
    }

    /** Every package named in the jar's class files: signatures, descriptors and instructions alike. */
    static Set<String> referencedPackages(Path jar) throws IOException {
        Set<String> packages = new HashSet<>();
        Remapper collector = new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                int slash = internalName.lastIndexOf('/');
                if (slash > 0) {
                    packages.add(internalName.substring(0, slash).replace('/', '.'));
                }
                return internalName;
            }
        };
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    new ClassReader(in).accept(new ClassRemapper(new Sink(), collector), ClassReader.SKIP_FRAMES);
                }
            }
        }
        return packages;
    }

    /** Visits everything (a null visitor would make the remapper skip method bodies) and keeps nothing. */
    private static final class Sink extends ClassVisitor {
        Sink() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
            };
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return new FieldVisitor(Opcodes.ASM9) {
            };
        }
    }
}
