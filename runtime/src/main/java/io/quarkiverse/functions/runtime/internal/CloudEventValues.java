package io.quarkiverse.functions.runtime.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The syntax of CloudEvents 1.0 attribute names and of the types of its type system, as predicates, and the
 * unquoting of header values that its HTTP binding requires.
 * <p>
 * Hand-written because the JDK's parsers are close to, but not, the grammars the specification names:
 * {@link OffsetDateTime#parse} also takes timestamps without seconds or with second offsets, which RFC 3339 does not,
 * and no library on the core's class path parses RFC 2045 media types.
 */
final class CloudEventValues {

    /** RFC 3339 section 5.6, {@code date-time}; the field ranges are left to {@link OffsetDateTime#parse}. */
    private static final Pattern RFC_3339 = Pattern
            .compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    /** RFC 2045 section 5.1: the characters that may not appear in a token. */
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private CloudEventValues() {
    }

    /**
     * @return whether this is an attribute name: lower-case ASCII letters and digits, at least one
     */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether this is a value of the type {@code String}: no control characters (U+0000-U+001F,
     *         U+007F-U+009F), no Unicode noncharacters, no unpaired surrogates
     */
    static boolean isString(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0xfdd0 && c <= 0xfdef) {
                return false;
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                codePoint = Character.toCodePoint(c, value.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
            // U+FFFE, U+FFFF and their twins in every plane
            if ((codePoint & 0xfffe) == 0xfffe) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether this is a {@code URI-reference} of RFC 3986: printable ASCII only, in the syntax
     *         {@link URI} reads
     */
    static boolean isUriReference(String value) {
        return uri(value) != null;
    }

    /**
     * @return whether this is an absolute URI: a URI-reference with a scheme. A fragment is accepted, as the
     *         specification's JSON Schema ({@code "format": "uri"}) accepts it.
     */
    static boolean isAbsoluteUri(String value) {
        URI uri = uri(value);
        return uri != null && uri.isAbsolute();
    }

    private static URI uri(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return null;
            }
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * @return whether this is an RFC 3339 {@code date-time} that Java's time API (and so the CloudEvents SDK) can hold:
     *         no leap second, at most nine fractional digits, an offset within ±18:00
     */
    static boolean isTimestamp(String value) {
        if (!RFC_3339.matcher(value).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * @return whether this is a media type of RFC 2045 section 5.1 ({@code type/subtype *(; attribute=value)}), with
     *         optional white space around {@code ;} and {@code =} as HTTP writes it
     */
    static boolean isMediaType(String value) {
        int i = token(value, 0);
        if (i == 0 || i == value.length() || value.charAt(i) != '/') {
            return false;
        }
        int end = token(value, i + 1);
        if (end == i + 1) {
            return false;
        }
        i = spaces(value, end);
        while (i < value.length()) {
            if (value.charAt(i) != ';') {
                return false;
            }
            i = spaces(value, i + 1);
            end = token(value, i);
            if (end == i) {
                return false;
            }
            i = spaces(value, end);
            if (i == value.length() || value.charAt(i) != '=') {
                return false;
            }
            i = spaces(value, i + 1);
            end = i < value.length() && value.charAt(i) == '"' ? quotedString(value, i) : token(value, i);
            if (end <= i) {
                return false;
            }
            i = spaces(value, end);
        }
        return true;
    }

    /**
     * Undoes the double-quoted strings of RFC 7230 section 3.2.6 in a header value: the HTTP binding requires it before
     * percent-decoding, for senders of earlier versions, which quoted values instead of percent-encoding them.
     *
     * @return the value, or {@code null} when a quoted string is not closed
     */
    static String unquote(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return quoted ? null : out.toString();
    }

    /** @return the index after the token that starts at {@code start} (== start when there is none) */
    private static int token(String value, int start) {
        int i = start;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || TSPECIALS.indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i;
    }

    /** @return the index after the quoted string that starts at {@code start}, or -1 when it is not closed */
    private static int quotedString(String value, int start) {
        for (int i = start + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                return -1;
            }
        }
        return -1;
    }

    private static int spaces(String value, int start) {
        int i = start;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
