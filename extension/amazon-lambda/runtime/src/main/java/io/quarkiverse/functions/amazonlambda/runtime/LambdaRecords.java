package io.quarkiverse.functions.amazonlambda.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.Trigger;

/**
 * The records of queue, stream and notification events: each one is one invocation of the function. Bodies that the
 * source base64-encodes (Kinesis, Kafka, Amazon MQ) are decoded; none declares a media type, so a record is JSON, text
 * or bytes as the function's input type reads it.
 */
final class LambdaRecords {

    /**
     * One record.
     *
     * @param id the identifier Lambda's partial batch response uses ({@code messageId}, {@code sequenceNumber}), or
     *        the record's own id where there is no partial batch response
     * @param payload the record's body or data, as JSON bytes
     * @param attempt the delivery attempt (SQS {@code ApproximateReceiveCount}), 1 when unknown
     * @param record the record itself, for {@code FunctionContext.unwrap(JsonNode.class)}
     */
    record Item(String id, byte[] payload, int attempt, JsonNode record) {
    }

    private LambdaRecords() {
    }

    /**
     * @return whether Lambda accepts a partial batch response ({@code batchItemFailures}) for this source
     */
    static boolean partialBatch(EventShape shape) {
        return shape == EventShape.SQS || shape == EventShape.KINESIS || shape == EventShape.DYNAMODB;
    }

    /**
     * @return whether the event comes from an SQS FIFO queue, where a failure must fail every later record too
     */
    static boolean fifo(EventShape shape, JsonNode event) {
        return shape == EventShape.SQS
                && event.path("Records").get(0).path("eventSourceARN").asText("").endsWith(".fifo");
    }

    static List<Item> items(EventShape shape, JsonNode event) {
        List<Item> items = new ArrayList<>();
        if (shape == EventShape.EVENTBRIDGE) {
            items.add(new Item(event.path("id").asText(""), json(event.path("detail")), 1, event));
            return items;
        }
        if (shape == EventShape.KAFKA || shape == EventShape.RABBITMQ) {
            // records grouped by topic-partition, or by queue: each group an array, in delivery order
            JsonNode groups = event.path(shape == EventShape.KAFKA ? "records" : "rmqMessagesByQueue");
            for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> group = it.next();
                int index = 0;
                for (JsonNode record : group.getValue()) {
                    items.add(shape == EventShape.KAFKA ? kafka(record) : rabbit(group.getKey(), index, record));
                    index++;
                }
            }
            return items;
        }
        if (shape == EventShape.ACTIVEMQ) {
            for (JsonNode message : event.path("messages")) {
                items.add(new Item(message.path("messageID").asText(""), decodeBase64(message.path("data").asText("")),
                        message.path("redelivered").asBoolean(false) ? 2 : 1, message));
            }
            return items;
        }
        for (JsonNode record : event.path("Records")) {
            switch (shape) {
                case SQS:
                    items.add(new Item(record.path("messageId").asText(""), text(record.path("body")),
                            record.path("attributes").path("ApproximateReceiveCount").asInt(1), record));
                    break;
                case SNS:
                    items.add(new Item(record.path("Sns").path("MessageId").asText(""),
                            text(record.path("Sns").path("Message")), 1, record));
                    break;
                case KINESIS:
                    String data = record.path("kinesis").path("data").asText("");
                    items.add(new Item(record.path("kinesis").path("sequenceNumber").asText(""),
                            decodeBase64(data), 1, record));
                    break;
                case DYNAMODB:
                    JsonNode stream = record.path("dynamodb");
                    JsonNode image = stream.has("NewImage") ? stream.get("NewImage") : stream.path("OldImage");
                    items.add(new Item(stream.path("SequenceNumber").asText(""), json(fromAttributeValues(image)), 1,
                            record));
                    break;
                default:
                    // S3: the record (bucket, object, event name) is the input
                    items.add(new Item(record.path("s3").path("object").path("key").asText(""), json(record), 1, record));
            }
        }
        return items;
    }

    /**
     * @return the record's identity, the same on every redelivery: the key of an idempotent function ({@code messageId}
     *         for SQS, {@code eventID} for Kinesis and DynamoDB streams, the event {@code id} for EventBridge, the
     *         {@code MessageId} for SNS, topic, partition and offset for Kafka, the bucket, key and sequencer for S3), or
     *         {@code null} when the record has none
     */
    static String deliveryId(EventShape shape, Item item) {
        JsonNode record = item.record();
        switch (shape) {
            case KINESIS:
            case DYNAMODB:
                return record.path("eventID").asText(null);
            case S3:
                JsonNode s3 = record.path("s3");
                String sequencer = s3.path("object").path("sequencer").asText("");
                return sequencer.isEmpty() ? null
                        : s3.path("bucket").path("name").asText("") + "/" + item.id() + "@" + sequencer;
            case RABBITMQ:
                // without a messageId the queue and position are not stable across deliveries
                String messageId = record.path("basicProperties").path("messageId").asText("");
                return messageId.isEmpty() || "null".equals(messageId) ? null : messageId;
            default:
                return item.id().isEmpty() ? null : item.id();
        }
    }

    /** A Kafka record: its value is base64; its identity is topic, partition and offset. */
    private static Item kafka(JsonNode record) {
        String id = record.path("topic").asText("") + "-" + record.path("partition").asText("") + "@"
                + record.path("offset").asText("");
        JsonNode value = record.path("value");
        byte[] payload = value.isTextual() ? decodeBase64(value.asText()) : new byte[0];
        return new Item(id, payload, 1, record);
    }

    /** A RabbitMQ message: its data is base64; its id is its {@code messageId}, or its queue and position. */
    private static Item rabbit(String queue, int index, JsonNode message) {
        String messageId = message.path("basicProperties").path("messageId").asText("");
        String id = messageId.isEmpty() || "null".equals(messageId) ? queue + "#" + index : messageId;
        return new Item(id, decodeBase64(message.path("data").asText("")),
                message.path("redelivered").asBoolean(false) ? 2 : 1, message);
    }

    /**
     * @return the trigger of a record: a change for the data sources, a schedule for EventBridge's scheduled events, a
     *         message otherwise
     */
    static Trigger trigger(EventShape shape, JsonNode event) {
        switch (shape) {
            case DYNAMODB:
            case S3:
                return Trigger.DATASOURCE;
            case EVENTBRIDGE:
                return "Scheduled Event".equals(event.path("detail-type").asText()) ? Trigger.TIMER : Trigger.PUBSUB;
            default:
                return Trigger.PUBSUB;
        }
    }

    /**
     * @return the trace context the record's producer gave it, as headers, or {@code null}: SQS's
     *         {@code AWSTraceHeader} system attribute (X-Ray), or a {@code traceparent} message attribute
     */
    static Map<String, String> producerTraceContext(EventShape shape, JsonNode record) {
        if (shape != EventShape.SQS) {
            return null;
        }
        JsonNode traceparent = record.path("messageAttributes").path("traceparent").path("stringValue");
        if (traceparent.isTextual()) {
            return Map.of("traceparent", traceparent.asText());
        }
        JsonNode xray = record.path("attributes").path("AWSTraceHeader");
        return xray.isTextual() ? Map.of("x-amzn-trace-id", xray.asText()) : null;
    }

    static ObjectNode batchResponse(List<String> failedIds) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode failures = response.putArray("batchItemFailures");
        for (String id : failedIds) {
            failures.addObject().put("itemIdentifier", id);
        }
        return response;
    }

    private static byte[] text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? new byte[0] : node.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] json(JsonNode node) {
        return node.isMissingNode() ? new byte[0] : node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decodeBase64(String data) {
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            // not base64: let the JSON reader reject it as the record's input
            return data.getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * DynamoDB's typed JSON ({@code {"name":{"S":"Ada"},"age":{"N":"36"}}}) as plain JSON ({@code {"name":"Ada","age":36}}).
     */
    static JsonNode fromAttributeValues(JsonNode image) {
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        if (image != null && image.isObject()) {
            image.fields().forEachRemaining(field -> plain.set(field.getKey(), attributeValue(field.getValue())));
        }
        return plain;
    }

    private static JsonNode attributeValue(JsonNode typed) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (typed.has("S")) {
            return nodes.textNode(typed.get("S").asText());
        }
        if (typed.has("N")) {
            return number(typed.get("N").asText());
        }
        if (typed.has("BOOL")) {
            return nodes.booleanNode(typed.get("BOOL").asBoolean());
        }
        if (typed.has("NULL")) {
            return nodes.nullNode();
        }
        if (typed.has("B")) {
            return nodes.textNode(typed.get("B").asText());
        }
        if (typed.has("M")) {
            return fromAttributeValues(typed.get("M"));
        }
        ArrayNode array = nodes.arrayNode();
        if (typed.has("L")) {
            typed.get("L").forEach(item -> array.add(attributeValue(item)));
        } else if (typed.has("SS") || typed.has("BS")) {
            typed.path(typed.has("SS") ? "SS" : "BS").forEach(item -> array.add(item.asText()));
        } else if (typed.has("NS")) {
            typed.get("NS").forEach(item -> array.add(number(item.asText())));
        }
        return array;
    }

    private static JsonNode number(String text) {
        try {
            return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(text));
        } catch (NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }
}
