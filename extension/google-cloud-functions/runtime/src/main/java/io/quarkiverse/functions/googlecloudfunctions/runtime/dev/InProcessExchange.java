package io.quarkiverse.functions.googlecloudfunctions.runtime.dev;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/**
 * The Functions Framework's request and response, in memory: what the invoker hands an entry point for one HTTP
 * request, so that an event console delivers through the entry point's own code.
 */
final class InProcessExchange {

    private InProcessExchange() {
    }

    static final class Request implements HttpRequest {

        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        /**
         * @param uri the path and query, {@code /} and {@code /greet?name=Ada}
         * @param headers names in any case, looked up without regard to it, as the framework does
         */
        Request(String method, String uri, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, value) -> this.headers.put(name, List.of(value)));
            this.body = body == null ? new byte[0] : body;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getUri() {
            return uri;
        }

        @Override
        public String getPath() {
            int query = uri.indexOf('?');
            return query < 0 ? uri : uri.substring(0, query);
        }

        @Override
        public Optional<String> getQuery() {
            int query = uri.indexOf('?');
            return query < 0 ? Optional.empty() : Optional.of(uri.substring(query + 1));
        }

        @Override
        public Map<String, List<String>> getQueryParameters() {
            Map<String, List<String>> parameters = new LinkedHashMap<>();
            for (String pair : getQuery().orElse("").split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
            }
            return parameters;
        }

        @Override
        public Map<String, HttpPart> getParts() {
            throw new IllegalStateException("The in-process request is not multipart/form-data.");
        }

        @Override
        public Optional<String> getContentType() {
            return getFirstHeader("content-type");
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public Optional<String> getCharacterEncoding() {
            String type = getContentType().orElse("").toLowerCase(Locale.ROOT);
            int charset = type.indexOf("charset=");
            return charset < 0 ? Optional.empty() : Optional.of(type.substring(charset + 8).trim());
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }

    static final class Response implements HttpResponse {

        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 200;
        private String contentType;

        @Override
        public void setStatusCode(int code) {
            this.status = code;
        }

        @Override
        public void setStatusCode(int code, String message) {
            this.status = code;
        }

        @Override
        public void setContentType(String contentType) {
            this.contentType = contentType;
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.ofNullable(contentType);
        }

        @Override
        public void appendHeader(String header, String value) {
            headers.computeIfAbsent(header.toLowerCase(Locale.ROOT), ignored -> new ArrayList<>()).add(value);
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public BufferedWriter getWriter() {
            return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
        }

        int status() {
            return status;
        }

        /**
         * @return the headers, names in lower case, several values of one joined with commas ({@code Set-Cookie}
         *         with newlines, as it cannot be joined)
         */
        Map<String, String> replyHeaders() {
            Map<String, String> reply = new LinkedHashMap<>();
            if (contentType != null) {
                reply.put("content-type", contentType);
            }
            headers.forEach((name, values) -> reply.put(name, String.join("set-cookie".equals(name) ? "\n" : ", ", values)));
            return reply;
        }

        String body() {
            return body.size() == 0 ? null : body.toString(StandardCharsets.UTF_8);
        }
    }
}
