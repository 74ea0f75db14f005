package io.quarkiverse.functions.it.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * AWS's published event documents (src/test/resources/events), with the bodies the tests need.
 */
final class Events {

    static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    static ObjectNode load(String resource) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No event fixture " + resource);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the event fixture " + resource, e);
        }
    }

    /**
     * The SQS fixture with one record per body; message ids {@code msg-1}, {@code msg-2}, ...
     */
    static ObjectNode sqs(String... bodies) {
        ObjectNode event = load("sqs/sqs_event_product.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        JsonNode template = records.get(0);
        records.removeAll();
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", "msg-" + (i + 1));
            record.put("body", bodies[i]);
            records.add(record);
        }
        return event;
    }

    /**
     * The API Gateway REST API (v1) fixture as a request for {@code method path} with a JSON body.
     */
    static ObjectNode restApi(String method, String path, String body) {
        ObjectNode event = load("apigw/apigw_rest_event.json");
        event.put("path", path).put("resource", path).put("httpMethod", method).put("body", body).put("isBase64Encoded", false);
        event.remove("queryStringParameters");
        event.remove("multiValueQueryStringParameters");
        ((ObjectNode) event.get("headers")).put("Content-Type", "application/json");
        ((ObjectNode) event.get("multiValueHeaders")).putArray("Content-Type").add("application/json");
        return event;
    }

    /**
     * The API Gateway HTTP API (v2) fixture as a request for {@code method path} with a JSON body.
     */
    static ObjectNode httpApi(String method, String path, String body) {
        ObjectNode event = load("apigw/apigw_http_event.json");
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.remove("queryStringParameters");
        ((ObjectNode) event.get("requestContext").get("http")).put("method", method).put("path", path);
        ((ObjectNode) event.get("headers")).put("content-type", "application/json");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }
}
