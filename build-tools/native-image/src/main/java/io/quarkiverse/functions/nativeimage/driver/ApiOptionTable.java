package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Translates the builder's user-facing options ({@code --no-fallback}, {@code --features=a,b}, {@code -o name},
 * {@code --gc=serial}) into builder options, with the table read from the builder's {@code @APIOption} annotations at
 * assembly.
 */
public final class ApiOptionTable {

    private final List<ApiOption> options;

    public ApiOptionTable(List<ApiOption> options) {
        this.options = List.copyOf(options);
    }

    public static ApiOptionTable read(Path file) throws IOException {
        List<ApiOption> options = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                options.add(ApiOption.parse(line));
            }
        }
        return new ApiOptionTable(options);
    }

    public static void write(List<ApiOption> options, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# names\tgroup\tseparators\tbuilder option\tdefault\tno value\tpaths\telement format\tdeprecation");
        for (ApiOption option : options) {
            lines.add(option.format());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    public List<ApiOption> options() {
        return options;
    }

    /** The result of a translation: the builder option, and a warning to show (deprecations), or null. */
    public record Translation(String builderOption, String warning) {
    }

    /**
     * Translates the option at the head of {@code args}, consuming it (and its value when given as the next argument).
     *
     * @return the translation, or null when the head is not an API option (nothing consumed)
     * @throws DriverException when the option is given a value it does not take, or misses one
     */
    public Translation translate(Deque<String> args, Path workingDirectory) {
        String head = args.peekFirst();
        for (ApiOption option : options) {
            for (String name : option.names()) {
                String value;
                if (head.equals(name) && (option.defaultFinal() || option.defaultValue() != null)) {
                    value = null;
                } else if (head.equals(name) && option.separators().indexOf(ApiOption.WHITESPACE_SEPARATOR) >= 0) {
                    args.removeFirst();
                    if (args.isEmpty()) {
                        throw new DriverException(head + " requires an argument");
                    }
                    return finish(option, name, args.removeFirst(), workingDirectory);
                } else {
                    value = valueAfterSeparator(option, name, head);
                    if (value == null) {
                        continue;
                    }
                }
                args.removeFirst();
                return finish(option, name, value, workingDirectory);
            }
        }
        return null;
    }

    private static String valueAfterSeparator(ApiOption option, String name, String head) {
        for (char separator : option.separators().toCharArray()) {
            if (separator != ApiOption.WHITESPACE_SEPARATOR && head.startsWith(name + separator)) {
                return head.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static Translation finish(ApiOption option, String name, String value, Path workingDirectory) {
        if (value != null && option.defaultFinal()) {
            throw new DriverException("Option " + name + " takes no value");
        }
        String effective = option.groupPrefix() != null ? null : value != null ? value : option.defaultValue();
        String builderOption = option.builderOption();
        if (effective != null && builderOption.endsWith("=")) {
            builderOption += transform(option, effective, workingDirectory);
        }
        String warning = option.deprecation().isEmpty() ? null
                : "Option " + name + " is deprecated: " + option.deprecation();
        return new Translation(builderOption, warning);
    }

    private static String transform(ApiOption option, String value, Path workingDirectory) {
        if (option.paths()) {
            List<String> resolved = new ArrayList<>();
            for (String path : value.split(",")) {
                resolved.add(path.isEmpty() ? path : workingDirectory.resolve(path).toString());
            }
            value = String.join(",", resolved);
        }
        if (option.elementFormat() == null) {
            return value;
        }
        String[] elements = value.split(",");
        if (elements.length == 0) {
            // The builder's transformers turn a value of only separators into the bare prefix or suffix.
            return option.elementFormat().replace("{}", "");
        }
        List<String> transformed = new ArrayList<>();
        for (String element : elements) {
            transformed.add(option.elementFormat().replace("{}", element));
        }
        return String.join(",", transformed);
    }
}
