package io.quarkiverse.functions.runtime.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the invoker needs to know of a declared media type. Hand-written: a media type's essence and charset are all
 * it reads, and a parser library would be a dependency on the invocation path for two string operations.
 */
public final class MediaTypes {

    private MediaTypes() {
    }

    /**
     * Whether a payload declared with this media type is read as JSON by a JSON input type. No media type, JSON and
     * {@code +json} types are; so is {@code application/x-www-form-urlencoded}, curl's default for {@code -d}, as
     * Funqy reads it, so that {@code curl -d '{...}'} works. Anything else (text, bytes, images, multipart, XML) is
     * plainly not JSON.
     */
    public static boolean readableAsJson(String mediaType) {
        if (mediaType == null) {
            return true;
        }
        String type = essence(mediaType);
        return type.isEmpty() || type.equals("application/json") || type.endsWith("+json") || type.equals("text/json")
                || type.equals("application/x-www-form-urlencoded");
    }

    /**
     * @return whether the media type declares JSON ({@code application/json}, {@code +json}, {@code text/json})
     */
    public static boolean declaresJson(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String type = essence(mediaType);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    /**
     * @return the charset the media type names, UTF-8 when it names none or one this JVM does not know
     */
    public static Charset charset(String mediaType) {
        if (mediaType == null) {
            return StandardCharsets.UTF_8;
        }
        int at = mediaType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = mediaType.substring(at + "charset=".length());
        int end = name.indexOf(';');
        name = (end >= 0 ? name.substring(0, end) : name).trim();
        if (name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"') {
            name = name.substring(1, name.length() - 1);
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * @return the type and subtype, lower case, without parameters
     */
    public static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon >= 0 ? mediaType.substring(0, semicolon) : mediaType).trim().toLowerCase(Locale.ROOT);
    }
}
