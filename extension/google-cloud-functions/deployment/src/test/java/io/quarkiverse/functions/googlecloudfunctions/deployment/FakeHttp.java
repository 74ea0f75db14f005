package io.quarkiverse.functions.googlecloudfunctions.deployment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/**
 * The Functions Framework's request and response, as an entry point sees them, without the framework's server.
 */
final class FakeHttp {

    private FakeHttp() {
    }

    static Request post(String path, String body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new Request("POST", path, map, body.getBytes(StandardCharsets.UTF_8));
    }

    record Request(String method, String path, Map<String, List<String>> headers, byte[] body) implements HttpRequest {

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public String getUri() {
            return "http://localhost" + path;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public Optional<String> getQuery() {
            return Optional.empty();
        }

        @Override
        public Map<String, List<String>> getQueryParameters() {
            return Map.of();
        }

        @Override
        public Map<String, HttpPart> getParts() {
            return Map.of();
        }

        @Override
        public Optional<String> getContentType() {
            return getFirstHeader("Content-Type");
        }

        @Override
        public long getContentLength() {
            return body.length;
        }

        @Override
        public Optional<String> getCharacterEncoding() {
            return Optional.empty();
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

        int status = 200;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public void setStatusCode(int code) {
            status = code;
        }

        @Override
        public void setStatusCode(int code, String message) {
            status = code;
        }

        @Override
        public void setContentType(String contentType) {
            headers.put("Content-Type", List.of(contentType));
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.ofNullable(headers.get("Content-Type")).map(values -> values.get(0));
        }

        @Override
        public void appendHeader(String header, String value) {
            headers.put(header, List.of(value));
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

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}
