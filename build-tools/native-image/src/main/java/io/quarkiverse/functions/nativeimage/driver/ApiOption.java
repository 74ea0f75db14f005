package io.quarkiverse.functions.nativeimage.driver;

import java.util.Arrays;
import java.util.List;

/**
 * One user-facing option of the image builder, as its {@code @APIOption} annotation declares it: the names a user
 * writes ({@code --no-fallback}, {@code -march}), how a value is separated, and the builder option it becomes.
 *
 * @param variants the option's names as the annotation gives them; the first is the main name
 * @param groupPrefix for a member of an option group (such as {@code --gc=}), the group's prefix; otherwise null
 * @param separators the characters that may separate name and value; a space means "the next argument"
 * @param builderOption the builder option, {@code -H:+Name}, {@code -H:-Name} or {@code -H:Name=} (value appended)
 * @param defaultValue the value when none is given; null when a value is required
 * @param defaultFinal whether the option takes no value at all (boolean options, fixed values)
 * @param paths whether the value is a file system path, resolved against the working directory
 * @param elementFormat how each comma-separated element of the value is rewritten, {@code {}} standing for the
 *        element ({@code "+{}"} turns {@code -ea:a,b} into {@code +a,+b}); null to pass the value as it is
 * @param deprecation a deprecation message, or empty
 */
public record ApiOption(List<String> variants, String groupPrefix, String separators, String builderOption,
        String defaultValue, boolean defaultFinal, boolean paths, String elementFormat, String deprecation) {

    public static final char WHITESPACE_SEPARATOR = ' ';

    /** Names without a leading dash get two, as the builder's own naming rule says. */
    public static String optionName(String name) {
        return name.startsWith("-") ? name : "--" + name;
    }

    /** The names as a user types them, group prefix included. */
    public List<String> names() {
        return variants.stream().map(v -> groupPrefix != null ? groupPrefix + v : optionName(v)).toList();
    }

    /** One tab-separated line of the table the toolchain writes at assembly; see {@link #parse(String)}. */
    public String format() {
        return String.join("\t", String.join(",", variants), nullToDash(groupPrefix), separators.replace(' ', '_'),
                builderOption, nullToDash(defaultValue), Boolean.toString(defaultFinal), Boolean.toString(paths),
                nullToDash(elementFormat), deprecation.isEmpty() ? "-" : deprecation.replace('\t', ' ').replace('\n', ' '));
    }

    public static ApiOption parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("Malformed option table line: " + line);
        }
        return new ApiOption(Arrays.asList(f[0].split(",")), dashToNull(f[1]), f[2].replace('_', ' '), f[3],
                dashToNull(f[4]), Boolean.parseBoolean(f[5]), Boolean.parseBoolean(f[6]), dashToNull(f[7]),
                f[8].equals("-") ? "" : f[8]);
    }

    private static String nullToDash(String value) {
        return value == null ? "-" : value.isEmpty() ? "\"\"" : value;
    }

    private static String dashToNull(String value) {
        return value.equals("-") ? null : value.equals("\"\"") ? "" : value;
    }
}
