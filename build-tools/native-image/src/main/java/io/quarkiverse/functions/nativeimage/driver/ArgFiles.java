package io.quarkiverse.functions.nativeimage.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Argument files ({@code @file}) and the {@code NATIVE_IMAGE_OPTIONS} variable, read with the rules the {@code java}
 * launcher documents for its own argument files and for {@code JDK_JAVA_OPTIONS}: arguments are separated by white
 * space; single or double quotes group; in an argument file, {@code #} starts a comment outside quotes, and a
 * backslash inside quotes escapes ({@code \n}, {@code \t}, {@code \r}, {@code \f}, or the character itself) or, before
 * a line end, joins the next line with its leading white space removed.
 */
public final class ArgFiles {

    private ArgFiles() {
    }

    public static List<String> read(Path file) {
        try {
            return parseFile(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DriverException("Cannot read argument file " + file + ": " + e.getMessage());
        }
    }

    public static List<String> parseFile(String text) {
        return tokenize(text, true, "Unterminated quote in argument file");
    }

    /** {@code NATIVE_IMAGE_OPTIONS}: white-space separated, quotes group, no escapes, no argument files. */
    public static List<String> parseVariable(String name, String value) {
        List<String> args = tokenize(value, false, "Unmatched quote in environment variable " + name);
        for (String arg : args) {
            if (arg.startsWith("@")) {
                throw new DriverException("Environment variable " + name + " may not contain argument files (" + arg + ")");
            }
        }
        return args;
    }

    /** One tokenizer for both syntaxes; {@code fileSyntax} adds comments and backslash escapes inside quotes. */
    private static List<String> tokenize(String text, boolean fileSyntax, String unterminated) {
        List<String> args = new ArrayList<>();
        StringBuilder current = null;
        char quote = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (fileSyntax && c == '\\' && i + 1 < text.length()) {
                    char next = text.charAt(++i);
                    if (next == '\n' || next == '\r') {
                        i = skipLineEndAndIndent(text, i);
                        continue;
                    }
                    current.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'f' -> '\f';
                        default -> next;
                    });
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (current != null) {
                    args.add(current.toString());
                    current = null;
                }
            } else if (fileSyntax && c == '#') {
                while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                continue;
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    current.append(c);
                }
            }
            i++;
        }
        if (quote != 0) {
            throw new DriverException(unterminated);
        }
        if (current != null) {
            args.add(current.toString());
        }
        return args;
    }

    private static int skipLineEndAndIndent(String text, int i) {
        if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
        }
        i++;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
