package io.quarkiverse.functions.nativeimage.driver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads {@code native-image} arguments into a {@link BuildRequest}, the way GraalVM's own driver documents them:
 * command-line-only options first ({@code --exclude-config} must be known before any class path entry is read), then
 * the builder's API options (from the {@link ApiOptionTable}), then the generic ones ({@code -cp}, {@code -jar},
 * {@code -H:}, {@code -J}, {@code -D}, {@code @file}). Class path entries contribute their
 * {@code META-INF/native-image} configuration as soon as they are added, through {@link MetaInfConfig}.
 */
public final class ArgumentProcessor {

    private final BuildRequest request;
    private final ApiOptionTable apiOptions;
    private final MetaInfConfig metaInf;
    private boolean atFilesDisabled;

    public ArgumentProcessor(BuildRequest request, ApiOptionTable apiOptions, Path javaHome) {
        this.request = request;
        this.apiOptions = apiOptions;
        this.metaInf = new MetaInfConfig(request, this, javaHome);
    }

    /** The command line: {@code NATIVE_IMAGE_OPTIONS} first, then the arguments. Leftovers stay in the request. */
    public void processCommandLine(List<String> args) {
        Deque<String> queue = new ArrayDeque<>(args);
        Deque<String> rest = new ArrayDeque<>();
        while (!queue.isEmpty()) {
            if (!consumeCommandLineOnly(queue)) {
                rest.add(queue.removeFirst());
            }
        }
        process(rest, BuildRequest.ORIGIN_USER, false);
    }

    /**
     * Processes arguments from one origin.
     *
     * @param strict whether an argument no handler takes is an error (properties files) or a leftover (main class,
     *        image name)
     */
    void process(Deque<String> queue, String origin, boolean strict) {
        while (!queue.isEmpty()) {
            ApiOptionTable.Translation translation = apiOptions.translate(queue, request.workingDirectory);
            if (translation != null) {
                request.addHostedOption(translation.builderOption(), origin + BuildRequest.API_SUFFIX);
                if (translation.warning() != null) {
                    request.warnings.add(translation.warning());
                }
            } else if (!consumeGeneric(queue, origin)) {
                String arg = queue.removeFirst();
                if (strict) {
                    throw new DriverException("Property 'Args' of " + origin + " contains invalid entry '" + arg + "'");
                }
                request.leftovers.add(arg);
            }
        }
    }

    private boolean consumeCommandLineOnly(Deque<String> queue) {
        String head = queue.peekFirst();
        switch (head) {
            case "--verbose" -> request.verbose = true;
            case "--dry-run" -> request.dryRun = true;
            case "--exclude-config" -> {
                queue.removeFirst();
                request.excludedConfigs.add(new BuildRequest.ExcludeConfig(pattern(queue, head, "a jar regular expression"),
                        pattern(queue, head, "a resource regular expression")));
                return true;
            }
            case "--no-server", "--verbose-server" -> request.warnings.add("Ignoring server-mode argument " + head);
            default -> {
                if (head.startsWith("--debug-attach")) {
                    String address = head.length() > "--debug-attach".length() ? head.substring("--debug-attach=".length()) : "8000";
                    request.builderJavaArgs.add("-agentlib:jdwp=transport=dt_socket,server=y,address=" + address + ",suspend=y");
                    request.addHostedOption("-H:DeadlockWatchdogInterval=0", BuildRequest.ORIGIN_DRIVER);
                } else if (head.startsWith("--bundle-") || head.equals("--configurations-path") || head.startsWith("--expert-options")
                        || head.equals("--help-extra")) {
                    throw new DriverException(head + " is not supported by this native-image driver (see docs/native.md)");
                } else {
                    return false;
                }
            }
        }
        queue.removeFirst();
        return true;
    }

    private static Pattern pattern(Deque<String> queue, String option, String what) {
        String value = queue.pollFirst();
        if (value == null) {
            throw new DriverException(option + " requires two arguments: a jar regular expression and a resource regular expression");
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new DriverException(option + " was given an invalid " + what + ": " + e.getDescription());
        }
    }

    private boolean consumeGeneric(Deque<String> queue, String origin) {
        String head = queue.peekFirst();
        switch (head) {
            case "-cp", "-classpath", "--class-path" -> {
                queue.removeFirst();
                addClasspath(required(queue, head, "a class path"));
                return true;
            }
            case "-jar" -> {
                queue.removeFirst();
                addJar(required(queue, head, "a jar file"));
                return true;
            }
            case "--add-modules" -> {
                queue.removeFirst();
                addModules(required(queue, head, "modules"));
                return true;
            }
            case "-p", "--module-path", "-m", "--module" -> throw new DriverException(
                    head + ": module-path builds are not supported by this native-image driver; use -cp or -jar");
            case "--disable-@files" -> {
                queue.removeFirst();
                atFilesDisabled = true;
                return true;
            }
            default -> {
                return consumePrefixed(queue, head, origin);
            }
        }
    }

    private boolean consumePrefixed(Deque<String> queue, String head, String origin) {
        if (head.startsWith("--class-path=")) {
            addClasspath(head.substring("--class-path=".length()));
        } else if (head.startsWith("--add-modules=")) {
            addModules(head.substring("--add-modules=".length()));
        } else if (head.startsWith("-H:")) {
            request.addHostedOption(head, origin);
        } else if (head.startsWith("-R:")) {
            request.builderArgs.add(head);
        } else if (head.startsWith("-D")) {
            request.builderJavaArgs.add(head);
        } else if (head.startsWith("-J")) {
            if (head.length() == 2) {
                throw new DriverException("The -J option should not be followed by a space");
            }
            request.builderJavaArgs.add(head.substring(2));
        } else if (head.startsWith("-O")) {
            if (head.length() == 2) {
                throw new DriverException("The -O option should not be followed by a space");
            }
            request.builderArgs.add("-H:Optimize=" + head.substring(2));
        } else if (head.startsWith("-E")) {
            String variable = head.substring(2);
            int equals = variable.indexOf('=');
            request.builderEnvironment.put(equals < 0 ? variable : variable.substring(0, equals),
                    equals < 0 ? System.getenv(variable) : variable.substring(equals + 1));
        } else if (head.startsWith("@") && !atFilesDisabled) {
            Path file = request.workingDirectory.resolve(head.substring(1));
            queue.removeFirst();
            Deque<String> fileArgs = new ArrayDeque<>(ArgFiles.read(file));
            ArgumentProcessor nested = new ArgumentProcessor(request, apiOptions, metaInf.javaHome);
            int before = request.leftovers.size();
            nested.process(fileArgs, "argfile:" + file, false);
            if (request.leftovers.size() > before) {
                throw new DriverException("Unrecognized options in argument file " + file + ": "
                        + request.leftovers.subList(before, request.leftovers.size()));
            }
            return true;
        } else {
            return false;
        }
        queue.removeFirst();
        return true;
    }

    private static String required(Deque<String> queue, String option, String what) {
        String value = queue.pollFirst();
        if (value == null) {
            throw new DriverException(option + " requires " + what);
        }
        return value;
    }

    private void addModules(String modules) {
        if (modules.isEmpty()) {
            throw new DriverException("--add-modules requires modules to be specified");
        }
        request.builderJavaArgs.add("--add-modules=" + modules);
        request.addedModules.addAll(List.of(modules.split(",")));
    }

    private void addClasspath(String classpath) {
        for (String entry : classpath.split(File.pathSeparator, -1)) {
            String path = entry.isEmpty() ? "." : entry;
            if (path.endsWith(File.separator + "*") || path.equals("*")) {
                Path dir = request.workingDirectory.resolve(path.substring(0, path.length() - 1));
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jar")).sorted()
                            .forEach(p -> addClasspathEntry(p, false));
                } catch (IOException e) {
                    throw new DriverException("Class path wildcard " + path + " cannot be expanded: " + e.getMessage());
                }
            } else {
                addClasspathEntry(request.workingDirectory.resolve(path), false);
            }
        }
    }

    private void addJar(String jarPath) {
        Path jar = request.workingDirectory.resolve(jarPath).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new DriverException("-jar requires a valid jarfile: " + jar);
        }
        Attributes attributes = manifest(jar);
        if (attributes == null || attributes.getValue("Main-Class") == null) {
            throw new DriverException("No main manifest attribute, in " + jar);
        }
        request.addHostedOption("-H:Class=" + attributes.getValue("Main-Class"), "manifest from " + jar.toUri());
        for (String[] kind : new String[][] { { "Add-Opens", "AddOpens" }, { "Add-Exports", "AddExports" } }) {
            String value = attributes.getValue(kind[0]);
            if (value != null) {
                for (String module : value.trim().split(" +")) {
                    request.builderArgs.add("-H:" + kind[1] + "=" + module + "=ALL-UNNAMED");
                }
            }
        }
        if ("ALL-UNNAMED".equals(attributes.getValue("Enable-Native-Access"))) {
            request.builderJavaArgs.add("--enable-native-access=ALL-UNNAMED");
        }
        request.jarMode = true;
        request.jar = jar;
        addClasspathEntry(jar, true);
    }

    /** Adds an entry, then the jars its manifest's {@code Class-Path} names, then reads its native-image config. */
    void addClasspathEntry(Path entry, boolean strict) {
        Path normalized = entry.toAbsolutePath().normalize();
        if (!Files.exists(normalized)) {
            if (strict) {
                throw new DriverException("Invalid class path entry " + entry);
            }
            request.classpath.add(normalized);
            return;
        }
        if (!request.classpath.add(normalized)) {
            return;
        }
        if (Files.isRegularFile(normalized)) {
            Attributes attributes = manifest(normalized);
            String classPath = attributes == null ? null : attributes.getValue("Class-Path");
            if (classPath != null) {
                for (String relative : classPath.trim().split(" +")) {
                    if (!relative.isEmpty()) {
                        addClasspathEntry(normalized.getParent().resolve(relative), false);
                    }
                }
            }
        }
        metaInf.read(normalized);
    }

    private static Attributes manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes();
        } catch (IOException e) {
            throw new DriverException("Invalid or corrupt jarfile " + jar + ": " + e.getMessage());
        }
    }
}
