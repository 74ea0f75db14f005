package io.quarkiverse.functions.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sets the method, path, query, headers and body of a sample Lambda HTTP event, and reads the response event.
 */
final class LambdaHttpEvents {

    private LambdaHttpEvents() {
    }

    /**
     * @param path the path, with an optional query: {@code /greet?lang=en}
     */
    static void request(String kind, ObjectNode event, String method, String path, Map<String, String> headers,
            String body) {
        int question = path.indexOf('?');
        String rawPath = question < 0 ? path : path.substring(0, question);
        String query = question < 0 ? "" : path.substring(question + 1);
        switch (kind) {
            case "api-gateway-v2":
            case "function-url":
                event.put("rawPath", rawPath).put("rawQueryString", query);
                ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
                http.put("method", method).put("path", rawPath);
                if (kind.equals("api-gateway-v2")) {
                    event.put("routeKey", method + " " + rawPath);
                    ((ObjectNode) event.get("requestContext")).put("routeKey", method + " " + rawPath);
                }
                headers.forEach((name, value) -> ((ObjectNode) event.get("headers")).put(name.toLowerCase(Locale.ROOT),
                        value));
                break;
            case "api-gateway-v1":
                event.put("httpMethod", method).put("path", rawPath).put("resource", rawPath);
                ((ObjectNode) event.get("requestContext")).put("httpMethod", method).put("path", "/prod" + rawPath)
                        .put("resourcePath", rawPath);
                query(event, query, true);
                headers.forEach((name, value) -> {
                    ((ObjectNode) event.get("headers")).put(name, value);
                    ((ObjectNode) event.get("multiValueHeaders")).putArray(name).add(value);
                });
                break;
            default:
                // ALB: the query as sent, percent-encoded
                event.put("httpMethod", method).put("path", rawPath);
                query(event, query, false);
                headers.forEach((name, value) -> ((ObjectNode) event.get("headers")).put(name.toLowerCase(Locale.ROOT),
                        value));
        }
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
    }

    private static void query(ObjectNode event, String query, boolean decode) {
        if (query.isEmpty()) {
            return;
        }
        ObjectNode single = event.putObject("queryStringParameters");
        ObjectNode multi = decode ? event.putObject("multiValueQueryStringParameters") : null;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (decode) {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
                (multi.has(name) ? (ArrayNode) multi.get(name) : multi.putArray(name))
                        .add(value);
            }
            single.put(name, value);
        }
    }

    /**
     * The response event as the caller gets it; a failed invocation as API Gateway answers it, {@code 502}.
     */
    static HttpEventReply reply(LambdaReply reply) {
        if (reply.isError()) {
            return new HttpEventReply(502, Map.of("content-type", "application/json"), List.of(),
                    "{\"message\":\"Internal server error\"}", reply.requestId());
        }
        JsonNode response = reply.json();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
        }
        for (Map.Entry<String, JsonNode> header : response.path("multiValueHeaders").properties()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            header.getValue().forEach(value -> values.add(value.asText()));
            if (name.equals("set-cookie")) {
                cookies.addAll(values);
            }
            headers.put(name, String.join(",", values));
        }
        response.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        if (!cookies.isEmpty()) {
            headers.remove("set-cookie");
        }
        JsonNode bodyNode = response.get("body");
        String body = bodyNode == null || bodyNode.isNull() ? null : bodyNode.asText();
        if (body != null && response.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new HttpEventReply(response.path("statusCode").asInt(), headers, List.copyOf(cookies),
                body == null || body.isEmpty() ? null : body, reply.requestId());
    }
}
