package io.quarkiverse.functions.amazonlambda.runtime.dev;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The queue, stream and notification events of Lambda, shaped as AWS documents them and as the events AWS publishes
 * in {@code aws-lambda-java-libs} are, each with one record that carries the function's input where the binding
 * reads it: the SQS {@code body}, the SNS {@code Message}, the Kinesis {@code data} (base64), the DynamoDB
 * {@code NewImage} (as attribute values), the EventBridge {@code detail}. An S3 notification carries no payload: the
 * function receives the record itself (bucket, object, event name), so the input is not in it.
 */
final class LambdaSampleEvents {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LambdaSampleEvents() {
    }

    static ObjectNode sqs(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode();
        String body = input.body();
        long sent = Instant.now().toEpochMilli();
        ObjectNode record = records(event).addObject()
                .put("messageId", UUID.randomUUID().toString())
                .put("receiptHandle", "AQEB" + Base64.getEncoder().encodeToString(randomBytes(48)))
                .put("body", body);
        record.putObject("attributes")
                .put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", Long.toString(sent))
                .put("SenderId", "AIDAIENQZJOLO23YVJ4VO")
                .put("ApproximateFirstReceiveTimestamp", Long.toString(sent + 3));
        record.putObject("messageAttributes");
        record.put("md5OfBody", md5(body))
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + function + "-queue")
                .put("awsRegion", REGION);
        return event;
    }

    static ObjectNode sns(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode();
        String topic = "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + function + "-topic";
        ObjectNode record = records(event).addObject()
                .put("EventSource", "aws:sns")
                .put("EventVersion", "1.0")
                .put("EventSubscriptionArn", topic + ":" + UUID.randomUUID());
        record.putObject("Sns")
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", topic)
                .put("Subject", "Sample message for " + function)
                .put("Message", input.body())
                .put("Timestamp", now())
                .put("SignatureVersion", "1")
                .put("Signature", Base64.getEncoder().encodeToString(randomBytes(32)))
                .put("SigningCertUrl", "https://sns." + REGION + ".amazonaws.com/SimpleNotificationService-sample.pem")
                .put("UnsubscribeUrl", "https://sns." + REGION + ".amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
                        + topic)
                .putObject("MessageAttributes");
        return event;
    }

    static ObjectNode kinesis(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode();
        String sequenceNumber = sequenceNumber();
        ObjectNode record = records(event).addObject();
        record.putObject("kinesis")
                .put("kinesisSchemaVersion", "1.0")
                .put("partitionKey", "partitionKey-" + function)
                .put("sequenceNumber", sequenceNumber)
                .put("data", Base64.getEncoder().encodeToString(input.body().getBytes(StandardCharsets.UTF_8)))
                .put("approximateArrivalTimestamp", Instant.now().getEpochSecond())
                .put("encryptionType", "NONE");
        record.put("eventSource", "aws:kinesis")
                .put("eventVersion", "1.0")
                .put("eventID", "shardId-000000000000:" + sequenceNumber)
                .put("eventName", "aws:kinesis:record")
                .put("invokeIdentityArn", "arn:aws:iam::" + ACCOUNT + ":role/" + function + "-role")
                .put("awsRegion", REGION)
                .put("eventSourceARN", "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + function + "-stream");
        return event;
    }

    /** An {@code INSERT}: the input (a JSON object) is the new item, its first attribute the key. */
    static ObjectNode dynamoDb(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode();
        JsonNode item = input.node();
        if (!item.isObject()) {
            item = NODES.objectNode().set("value", item);
        }
        ObjectNode image = (ObjectNode) toAttributeValue(item).get("M");
        ObjectNode keys = NODES.objectNode();
        for (Map.Entry<String, JsonNode> first : image.properties()) {
            keys.set(first.getKey(), first.getValue());
            break;
        }
        String sequenceNumber = sequenceNumber().substring(0, 21);
        ObjectNode record = records(event).addObject()
                .put("eventID", HexFormat.of().formatHex(randomBytes(16)))
                .put("eventName", "INSERT")
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", REGION);
        ObjectNode stream = record.putObject("dynamodb")
                .put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        stream.set("Keys", keys);
        stream.set("NewImage", image);
        stream.put("SequenceNumber", sequenceNumber)
                .put("SizeBytes", image.toString().length())
                .put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + function
                + "/stream/2024-01-01T00:00:00.000");
        return event;
    }

    /** An {@code ObjectCreated:Put}: the function receives this record, the input is not in it. */
    static ObjectNode s3(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode();
        String bucket = function.toLowerCase(Locale.ROOT) + "-uploads";
        ObjectNode record = records(event).addObject()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("awsRegion", REGION)
                .put("eventTime", now())
                .put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "AWS:AIDAINPONIXQXHT3IKHL2");
        record.putObject("requestParameters").put("sourceIPAddress", "203.0.113.10");
        record.putObject("responseElements")
                .put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(randomBytes(8)))
                .put("x-amz-id-2", Base64.getEncoder().encodeToString(randomBytes(48)));
        ObjectNode s3 = record.putObject("s3")
                .put("s3SchemaVersion", "1.0")
                .put("configurationId", function + "-on-upload");
        s3.putObject("bucket")
                .put("name", bucket)
                .put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
        byte[] content = input.body().getBytes(StandardCharsets.UTF_8);
        s3.putObject("object")
                .put("key", "incoming/" + UUID.randomUUID() + ".json")
                .put("size", content.length)
                .put("eTag", md5(input.body()))
                .put("sequencer", HexFormat.of().withUpperCase().formatHex(randomBytes(9)));
        return event;
    }

    static ObjectNode eventBridge(String function, SampleInput input) {
        ObjectNode event = NODES.objectNode()
                .put("version", "0")
                .put("id", UUID.randomUUID().toString())
                .put("detail-type", function + " requested")
                .put("source", "com.example." + function)
                .put("account", ACCOUNT)
                .put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("region", REGION);
        event.putArray("resources");
        event.set("detail", input.node());
        return event;
    }

    /** Plain JSON as a DynamoDB attribute value: {@code "Ada"} is {@code {"S":"Ada"}}, an object {@code {"M":...}}. */
    static ObjectNode toAttributeValue(JsonNode value) {
        ObjectNode typed = NODES.objectNode();
        if (value.isObject()) {
            ObjectNode map = typed.putObject("M");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                map.set(field.getKey(), toAttributeValue(field.getValue()));
            }
        } else if (value.isArray()) {
            ArrayNode list = typed.putArray("L");
            value.forEach(element -> list.add(toAttributeValue(element)));
        } else if (value.isNumber()) {
            typed.put("N", value.asText());
        } else if (value.isBoolean()) {
            typed.put("BOOL", value.asBoolean());
        } else if (value.isNull()) {
            typed.put("NULL", true);
        } else {
            typed.put("S", value.asText());
        }
        return typed;
    }

    private static ArrayNode records(ObjectNode event) {
        return event.putArray("Records");
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Kinesis sequence numbers are 56 decimal digits. */
    private static String sequenceNumber() {
        String digits = new BigInteger(1, randomBytes(24)).toString();
        return ("49" + digits + "0".repeat(56)).substring(0, 56);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM, computing a sample event's checksum", e);
        }
    }
}
