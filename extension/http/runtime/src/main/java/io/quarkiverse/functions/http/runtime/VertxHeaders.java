package io.quarkiverse.functions.http.runtime;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * A request's headers as the dispatcher reads them (names in lower case, the first value of each), over Vert.x's own
 * case-insensitive headers instead of a copy: copying gave every request a map, a node and a lower-cased name per
 * header, though most requests only look up a few of them. Read-only; the lower-cased copy is made only when the
 * headers are iterated (a CloudEvent's {@code ce-*} attributes).
 */
final class VertxHeaders extends AbstractMap<String, String> {

    private final MultiMap headers;
    private Map<String, String> copy;

    VertxHeaders(MultiMap headers) {
        this.headers = headers;
    }

    @Override
    public String get(Object name) {
        return name instanceof String header ? headers.get(header) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String header && headers.contains(header);
    }

    @Override
    public String getOrDefault(Object name, String fallback) {
        String value = get(name);
        return value != null ? value : fallback;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        if (copy == null) {
            Map<String, String> lowerCase = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : headers) {
                lowerCase.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
            }
            copy = Collections.unmodifiableMap(lowerCase);
        }
        return copy.entrySet();
    }
}
