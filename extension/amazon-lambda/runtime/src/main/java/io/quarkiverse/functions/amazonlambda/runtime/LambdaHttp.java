package io.quarkiverse.functions.amazonlambda.runtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.HttpRequest;
import io.quarkiverse.functions.runtime.internal.MediaTypes;

/**
 * API Gateway REST (v1), HTTP API and Function URL (v2) and ALB events to and from the core's HTTP request and reply.
 */
final class LambdaHttp {

    private LambdaHttp() {
    }

    static HttpRequest request(EventShape shape, JsonNode event, Object[] raw) {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> query = new LinkedHashMap<>();
        String method;
        String path;
        if (shape == EventShape.API_GATEWAY_V2) {
            JsonNode http = event.path("requestContext").path("http");
            method = http.path("method").asText("GET");
            path = event.path("rawPath").asText(http.path("path").asText("/"));
            String stage = event.path("requestContext").path("stage").asText("$default");
            if (!"$default".equals(stage) && path.startsWith("/" + stage + "/")) {
                path = path.substring(stage.length() + 1);
            }
            copySingle(event.path("headers"), headers);
            JsonNode cookies = event.path("cookies");
            if (cookies.isArray() && cookies.size() > 0) {
                List<String> all = new ArrayList<>();
                cookies.forEach(cookie -> all.add(cookie.asText()));
                headers.put("cookie", String.join("; ", all));
            }
            parseQuery(event.path("rawQueryString").asText(""), query);
        } else {
            method = event.path("httpMethod").asText("GET");
            path = event.path("path").asText("/");
            if (event.path("multiValueHeaders").isObject()) {
                copyFirst(event.path("multiValueHeaders"), headers);
            } else {
                copySingle(event.path("headers"), headers);
            }
            JsonNode multi = event.path("multiValueQueryStringParameters");
            if (multi.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> parameter = it.next();
                    List<String> values = new ArrayList<>();
                    parameter.getValue().forEach(value -> values.add(value.asText()));
                    query.put(decodeIfAlb(shape, parameter.getKey()), decodeAllIfAlb(shape, values));
                }
            } else if (event.path("queryStringParameters").isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = event.path("queryStringParameters").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> parameter = it.next();
                    query.put(decodeIfAlb(shape, parameter.getKey()),
                            List.of(decodeIfAlb(shape, parameter.getValue().asText())));
                }
            }
        }
        byte[] body = null;
        JsonNode bodyNode = event.get("body");
        if (bodyNode != null && !bodyNode.isNull() && !bodyNode.asText().isEmpty()) {
            body = event.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(bodyNode.asText())
                    : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return new HttpRequest(method.toUpperCase(Locale.ROOT), relative, headers, query, body, raw);
    }

    /**
     * The response event of the shape. JSON, problem documents and text are sent as text, bytes base64-encoded with
     * {@code isBase64Encoded}; several
     * {@code Set-Cookie} values go to v2's {@code cookies[]} and v1's multi-value headers, never joined with commas.
     */
    static ObjectNode response(EventShape shape, JsonNode event, HttpReply reply) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("statusCode", reply.status());
        if (shape == EventShape.ALB) {
            response.put("statusDescription", reply.status() + " " + reason(reply.status()));
        }
        boolean multiValue = shape == EventShape.API_GATEWAY_V1
                || shape == EventShape.ALB && event.path("multiValueHeaders").isObject();
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        ArrayNode cookies = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            if (shape == EventShape.API_GATEWAY_V2 && header.getKey().equalsIgnoreCase("Set-Cookie")) {
                cookies.add(header.getValue());
            } else {
                headers.put(header.getKey(), header.getValue());
            }
        }
        if (multiValue) {
            ObjectNode multi = JsonNodeFactory.instance.objectNode();
            headers.fields().forEachRemaining(header -> multi.putArray(header.getKey()).add(header.getValue()));
            response.set("multiValueHeaders", multi);
            if (shape == EventShape.API_GATEWAY_V1) {
                response.set("headers", headers);
            }
        } else {
            response.set("headers", headers);
        }
        if (shape == EventShape.API_GATEWAY_V2 && cookies.size() > 0) {
            response.set("cookies", cookies);
        }
        boolean binary = reply.body() != null && isBinary(reply.headers().get("Content-Type"));
        if (binary) {
            response.put("body", Base64.getEncoder().encodeToString(reply.body()));
        } else {
            response.put("body", reply.body() == null ? "" : new String(reply.body(), StandardCharsets.UTF_8));
        }
        response.put("isBase64Encoded", binary);
        return response;
    }

    /**
     * @return whether a body of this type must travel base64-encoded: everything but text and JSON (a {@code byte[]}
     *         result is {@code application/octet-stream})
     */
    static boolean isBinary(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = MediaTypes.essence(contentType);
        return !type.startsWith("text/") && !MediaTypes.declaresJson(type);
    }

    private static void copySingle(JsonNode source, Map<String, String> into) {
        if (source.isObject()) {
            source.fields().forEachRemaining(header -> into.put(header.getKey().toLowerCase(Locale.ROOT),
                    header.getValue().asText()));
        }
    }

    private static void copyFirst(JsonNode source, Map<String, String> into) {
        source.fields().forEachRemaining(header -> {
            JsonNode values = header.getValue();
            if (values.isArray() && values.size() > 0) {
                into.put(header.getKey().toLowerCase(Locale.ROOT), values.get(0).asText());
            }
        });
    }

    static void parseQuery(String raw, Map<String, List<String>> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            into.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** ALB passes query strings as sent (percent-encoded); API Gateway decodes them. */
    private static String decodeIfAlb(EventShape shape, String text) {
        return shape == EventShape.ALB ? decode(text) : text;
    }

    private static List<String> decodeAllIfAlb(EventShape shape, List<String> values) {
        if (shape != EventShape.ALB) {
            return values;
        }
        List<String> decoded = new ArrayList<>(values.size());
        for (String value : values) {
            decoded.add(decode(value));
        }
        return decoded;
    }

    private static String reason(int status) {
        return status == 200 ? "OK" : status == 204 ? "No Content" : Errors.title(status);
    }
}
