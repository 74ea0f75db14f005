package io.quarkiverse.functions.googlecloudfunctions.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;

/**
 * Reads the Functions Framework's request and writes its response: the translation both entry points share.
 */
final class FrameworkHttp {

    /** Paths a browser asks for on its own; the Functions Framework answers them 404 without invoking anything. */
    private static final String ROBOTS = "/robots.txt";
    private static final String FAVICON = "/favicon.ico";

    /** Marks a body larger than the limit. Compared by identity. */
    static final byte[] TOO_LARGE = new byte[0];

    private FrameworkHttp() {
    }

    /**
     * @param headers the headers as {@link #headers(HttpRequest)} read them
     * @param body the body as {@link #body(HttpRequest, long)} read it
     */
    static io.quarkiverse.functions.runtime.internal.HttpRequest translate(HttpRequest request, Map<String, String> headers,
            byte[] body) {
        return new io.quarkiverse.functions.runtime.internal.HttpRequest(request.getMethod().toUpperCase(Locale.ROOT),
                path(request), headers, request.getQueryParameters(), body, new Object[] { request });
    }

    /**
     * The answer when the binding itself fails: a 500 problem with the request id and nothing else.
     */
    static HttpReply internalError(String requestId) {
        return HttpDispatcher.problem(requestId, Errors.internal(requestId));
    }

    /**
     * @return the headers, names in lower case, first value of each
     */
    static Map<String, String> headers(HttpRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            List<String> values = header.getValue();
            if (values != null && !values.isEmpty()) {
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), values.get(0));
            }
        }
        return headers;
    }

    /**
     * @return the path without its leading slash: {@code greet}, or empty for the root
     */
    static String path(HttpRequest request) {
        String path = request.getPath();
        if (path == null) {
            return "";
        }
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /**
     * @return whether the request is for a path that a browser asks for on its own
     */
    static boolean isBrowserProbe(HttpRequest request) {
        String path = request.getPath();
        return ROBOTS.equals(path) || FAVICON.equals(path);
    }

    /**
     * The answer to {@code /robots.txt} and {@code /favicon.ico}, given without invoking anything.
     */
    static HttpReply browserProbe(HttpRequest request, String requestId) {
        return HttpDispatcher.problem(requestId, Errors.functionNotFound(Errors.printable(request.getPath())));
    }

    /**
     * Reads the body, up to {@code limit} bytes.
     *
     * @return the body, {@code null} when empty, or {@link #TOO_LARGE} when it is larger than the limit
     */
    static byte[] body(HttpRequest request, long limit) throws IOException {
        long declared = request.getContentLength();
        if (declared > limit) {
            return TOO_LARGE;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > limit) {
                    return TOO_LARGE;
                }
                out.write(buffer, 0, read);
            }
        }
        return total == 0 ? null : out.toByteArray();
    }

    static void write(HttpReply reply, HttpResponse response) throws IOException {
        response.setStatusCode(reply.status());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            if ("content-type".equalsIgnoreCase(header.getKey())) {
                response.setContentType(header.getValue());
            } else {
                response.appendHeader(header.getKey(), header.getValue());
            }
        }
        if (reply.body() != null && reply.body().length > 0) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(reply.body());
            }
        }
    }
}
