package io.quarkiverse.functions.runtime.internal;

import java.util.Map;

/**
 * The HTTP answer to an {@link HttpRequest}, for the binding to write.
 *
 * @param status the status code
 * @param headers the headers to set, in order
 * @param body the body, or {@code null} for none
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {
}
