package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The {@code META-INF/native-image} directory of each class path entry: {@code native-image.properties} files
 * ({@code Args}, {@code JavaArgs}, {@code ImageName}) and the reachability metadata files, which become
 * {@code -H:…Resources=} builder options naming them as class path resources. {@code --exclude-config} filters both.
 */
final class MetaInfConfig {

    static final String PROPERTIES = "native-image.properties";

    /** Metadata file names and the builder option that takes them (the builder's ConfigurationFiles.Options). */
    static final Map<String, String> METADATA_FILES = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "serialization-deny-config.json", "SerializationDenyConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    private final BuildRequest request;
    private final ArgumentProcessor processor;
    final Path javaHome;

    MetaInfConfig(BuildRequest request, ArgumentProcessor processor, Path javaHome) {
        this.request = request;
        this.processor = processor;
        this.javaHome = javaHome;
    }

    void read(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                readRoot(entry, entry.resolve("META-INF/native-image"), entry);
            } else if (entry.getFileName().toString().toLowerCase().endsWith(".jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + entry.toUri()), Map.of())) {
                    readRoot(entry, jar.getPath("/META-INF/native-image"), jar.getPath("/"));
                }
            }
        } catch (IOException e) {
            throw new DriverException("Reading META-INF/native-image of " + entry + " failed: " + e.getMessage());
        }
    }

    private void readRoot(Path entry, Path metaInf, Path root) throws IOException {
        if (!Files.isDirectory(metaInf)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(metaInf)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        // Properties first, then metadata files, as the builder's own driver orders them.
        for (Path file : files) {
            if (file.getFileName().toString().equals(PROPERTIES) && !request.isExcluded(entry, file.toString())) {
                readProperties(entry, file, root);
            }
        }
        for (Path file : files) {
            String option = METADATA_FILES.get(file.getFileName().toString());
            if (option != null && !request.isExcluded(entry, file.toString())) {
                String origin = file.toUri() + BuildRequest.API_SUFFIX;
                request.addHostedOption("-H:" + option + "=" + root.relativize(file), origin);
            }
        }
    }

    private void readProperties(Path entry, Path file, Path root) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        String origin = file.toUri().toString();
        Path component = root.relativize(file).getParent();
        String imageName = properties.getProperty("ImageName");
        if (imageName != null) {
            request.addHostedOption("-H:Name=" + resolve(imageName, component), origin);
        }
        for (String javaArg : split(properties.getProperty("JavaArgs"), component)) {
            request.builderJavaArgs.add(javaArg);
        }
        Deque<String> args = new ArrayDeque<>(split(properties.getProperty("Args"), component));
        processor.process(args, origin, true);
    }

    private List<String> split(String value, Path component) {
        List<String> result = new ArrayList<>();
        if (value != null) {
            for (String part : value.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    result.add(resolve(part, component));
                }
            }
        }
        return result;
    }

    /** The two substitutions properties files use: {@code ${.}} (their own directory) and {@code ${java.home}}. */
    private String resolve(String value, Path component) {
        return value.replace("${.}", String.valueOf(component)).replace("${java.home}", javaHome.toString());
    }
}
