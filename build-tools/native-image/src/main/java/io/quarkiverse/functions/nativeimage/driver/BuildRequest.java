package io.quarkiverse.functions.nativeimage.driver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the command line (and the {@code native-image.properties} of the class path) asks of one image build: the
 * builder options, the builder JVM's options, the image class path. {@link ArgumentProcessor} fills it in,
 * {@link BuilderLauncher} turns it into one run of the image builder.
 */
public final class BuildRequest {

    /** Where an option came from, in the form the builder reads after {@code @} in {@code -H:Name@origin=value}. */
    public static final String ORIGIN_USER = "user";
    public static final String ORIGIN_DRIVER = "driver";
    public static final String API_SUFFIX = "+api";

    final Path workingDirectory;
    final List<String> builderArgs = new ArrayList<>();
    final List<String> builderJavaArgs = new ArrayList<>();
    final LinkedHashSet<Path> classpath = new LinkedHashSet<>();
    final List<String> leftovers = new ArrayList<>();
    final List<ExcludeConfig> excludedConfigs = new ArrayList<>();
    final Set<String> addedModules = new LinkedHashSet<>();
    final Map<String, String> builderEnvironment = new LinkedHashMap<>();
    final List<String> warnings = new ArrayList<>();
    boolean jarMode;
    Path jar;
    boolean verbose;
    boolean dryRun;

    record ExcludeConfig(Pattern jar, Pattern resource) {
    }

    public BuildRequest(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    public List<String> builderArgs() {
        return builderArgs;
    }

    public List<String> builderJavaArgs() {
        return builderJavaArgs;
    }

    public List<Path> classpath() {
        return List.copyOf(classpath);
    }

    public List<String> warnings() {
        return warnings;
    }

    /**
     * Adds {@code -H:…} with its origin, as the builder expects it: {@code -H:Name@origin=value},
     * {@code -H:+Name@origin}.
     */
    void addHostedOption(String option, String origin) {
        builderArgs.add(withOrigin(option, origin));
    }

    static String withOrigin(String option, String origin) {
        if (origin == null || !option.startsWith("-H:")) {
            return option;
        }
        if (origin.contains("=")) {
            throw new DriverException("Option origin may not contain '=': " + origin);
        }
        char first = option.length() > 3 ? option.charAt(3) : 0;
        int equals = option.indexOf('=');
        if (first == '+' || first == '-') {
            if (equals >= 0) {
                throw new DriverException("Malformed boolean option '" + option + "' from " + origin + " (a value after '=')");
            }
            return option + "@" + origin;
        }
        if (equals < 0) {
            throw new DriverException("Malformed option '" + option + "' from " + origin + " ('=' missing after the name)");
        }
        return option.substring(0, equals) + "@" + origin + option.substring(equals);
    }

    /** The last value given to the non-boolean hosted option {@code name}, whatever its origin. */
    public Optional<String> lastValue(String name) {
        Pattern pattern = Pattern.compile("^-H:" + Pattern.quote(name) + "(@[^=]*)?=");
        String result = null;
        for (String arg : builderArgs) {
            Matcher matcher = pattern.matcher(arg);
            if (matcher.find()) {
                result = arg.substring(matcher.end());
            }
        }
        return Optional.ofNullable(result);
    }

    /** Whether the boolean hosted option {@code name} was last set to + (true), - (false), or not at all. */
    public Optional<Boolean> lastBoolean(String name) {
        Pattern pattern = Pattern.compile("^-H:([+-])" + Pattern.quote(name) + "(@[^=]*)?$");
        Boolean result = null;
        for (String arg : builderArgs) {
            Matcher matcher = pattern.matcher(arg);
            if (matcher.find()) {
                result = matcher.group(1).equals("+");
            }
        }
        return Optional.ofNullable(result);
    }

    boolean isExcluded(Path entry, String resourcePath) {
        for (ExcludeConfig exclude : excludedConfigs) {
            if (exclude.jar().matcher(entry.toString()).find() && exclude.resource().matcher(resourcePath).find()) {
                return true;
            }
        }
        return false;
    }
}
