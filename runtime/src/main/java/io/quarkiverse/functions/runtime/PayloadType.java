package io.quarkiverse.functions.runtime;

import java.lang.reflect.Type;

/**
 * How a function's input or output travels: JSON (the default), text ({@code String}) or raw bytes ({@code byte[]}).
 * Decided once per function at static init, from its Java types; bindings read it from {@link Outcome#payloadType()}.
 */
public enum PayloadType {
    JSON("application/json"),
    TEXT("text/plain; charset=UTF-8"),
    BYTES("application/octet-stream");

    /** The media type of this kind of output. */
    public final String mediaType;

    PayloadType(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * @return the payload type of a function input or output of this Java type
     */
    public static PayloadType of(Type type) {
        if (type == String.class) {
            return TEXT;
        }
        if (type == byte[].class) {
            return BYTES;
        }
        return JSON;
    }
}
