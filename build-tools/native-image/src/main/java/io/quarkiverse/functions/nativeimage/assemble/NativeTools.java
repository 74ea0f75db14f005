package io.quarkiverse.functions.nativeimage.assemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** gcc, ar and nm, the Debian packages the toolchain builds its C libraries with. */
final class NativeTools {

    private final boolean verbose;

    NativeTools(boolean verbose) {
        this.verbose = verbose;
    }

    void requireInstalled() {
        for (String tool : List.of("gcc", "ar", "nm")) {
            try {
                run(List.of(tool, "--version"), null);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(tool + " is needed to assemble the native-image toolchain and was not found on PATH. "
                        + "On Debian or Ubuntu: apt-get install gcc binutils zlib1g-dev", e);
            }
        }
    }

    void compile(Path source, Path object, List<Path> includes) {
        List<String> command = new ArrayList<>(List.of("gcc", "-c", "-O2", "-fPIC", "-fvisibility=default", "-Wall",
                "-Wno-unused-parameter", "-std=gnu11"));
        for (Path include : includes) {
            command.add("-I" + include);
        }
        command.addAll(List.of("-o", object.toString(), source.toString()));
        run(command, null);
    }

    void archive(Path archive, List<Path> objects) {
        List<String> command = new ArrayList<>(List.of("ar", "rcs", archive.toString()));
        objects.forEach(o -> command.add(o.toString()));
        run(command, null);
    }

    void sharedLibrary(Path library, String soname, List<Path> objects, Path versionScript, List<String> libraries) {
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-Wl,-soname," + soname, "-Wl,-z,noexecstack",
                "-o", library.toString()));
        if (versionScript != null) {
            command.add("-Wl,--version-script=" + versionScript);
        }
        objects.forEach(o -> command.add(o.toString()));
        command.addAll(libraries);
        run(command, null);
    }

    /** Dynamic symbols of a shared library or object: defined ones, or undefined ones (without version suffix). */
    Set<String> symbols(Path file, boolean defined, boolean dynamic) {
        List<String> command = new ArrayList<>(List.of("nm"));
        if (dynamic) {
            command.add("-D");
        }
        command.add(defined ? "--defined-only" : "--undefined-only");
        command.add(file.toString());
        Set<String> result = new TreeSet<>();
        for (String line : run(command, null).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 2) {
                String name = parts[parts.length - 1];
                int at = name.indexOf('@');
                result.add(at > 0 ? name.substring(0, at) : name);
            }
        }
        return result;
    }

    String run(List<String> command, Path directory) {
        if (verbose) {
            System.out.println("  $ " + String.join(" ", command));
        }
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "):\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }
}
