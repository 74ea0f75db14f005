package io.quarkiverse.functions.runtime.internal;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as any binding sees it: Vert.x, an API Gateway or Function URL event, the Functions Framework.
 *
 * @param method the method, upper case
 * @param path the path below the binding's root, without leading slash: {@code greet}, or empty for the root
 * @param headers the headers, names in lower case, first value of each
 * @param query the query parameters
 * @param body the body, or {@code null} when there is none
 * @param raw what {@code FunctionContext.unwrap} gives access to: the platform's request or event, its context
 */
public record HttpRequest(String method, String path, Map<String, String> headers, Map<String, List<String>> query,
        byte[] body, Object[] raw) {

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }
}
