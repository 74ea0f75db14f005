package io.quarkiverse.functions.amazonlambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kinds of event Lambda delivers, recognised from the JSON AWS sends.
 * <p>
 * The binding reads events as JSON trees rather than binding them to the {@code aws-lambda-java-events} classes: those
 * classes are written for AWS's own serializer (its mix-ins map {@code Records}, Joda dates in S3 events and
 * {@code ByteBuffer} data in Kinesis events), which Quarkus's mapper does not apply. Reading the few fields the binding
 * needs from the tree is exact for every shape, needs no reflection in native mode, and is tested against the event
 * documents AWS publishes.
 */
enum EventShape {
    API_GATEWAY_V1(true),
    API_GATEWAY_V2(true),
    ALB(true),
    SQS(false),
    SNS(false),
    KINESIS(false),
    DYNAMODB(false),
    S3(false),
    EVENTBRIDGE(false),
    /** Amazon MSK and self-managed Apache Kafka. */
    KAFKA(false),
    /** Amazon MQ for ActiveMQ. */
    ACTIVEMQ(false),
    /** Amazon MQ for RabbitMQ. */
    RABBITMQ(false),
    DIRECT(false);

    final boolean http;

    EventShape(boolean http) {
        this.http = http;
    }

    static EventShape of(JsonNode event) {
        if (event == null || !event.isObject()) {
            return DIRECT;
        }
        JsonNode records = event.get("Records");
        if (records != null && records.isArray() && records.size() > 0) {
            JsonNode first = records.get(0);
            String source = first.path("eventSource").asText(first.path("EventSource").asText(""));
            switch (source) {
                case "aws:sqs":
                    return SQS;
                case "aws:sns":
                    return SNS;
                case "aws:kinesis":
                    return KINESIS;
                case "aws:dynamodb":
                    return DYNAMODB;
                case "aws:s3":
                    return S3;
                default:
                    return DIRECT;
            }
        }
        switch (event.path("eventSource").asText("")) {
            case "aws:kafka":
            case "SelfManagedKafka":
                return event.path("records").isObject() ? KAFKA : DIRECT;
            case "aws:mq":
            case "aws:amq":
                return event.path("messages").isArray() ? ACTIVEMQ : DIRECT;
            case "aws:rmq":
                return event.path("rmqMessagesByQueue").isObject() ? RABBITMQ : DIRECT;
            default:
                break;
        }
        JsonNode requestContext = event.get("requestContext");
        if (requestContext != null && requestContext.isObject()) {
            if (requestContext.has("elb")) {
                return ALB;
            }
            if ("2.0".equals(event.path("version").asText()) && requestContext.has("http")) {
                return API_GATEWAY_V2;
            }
            if (event.has("httpMethod")) {
                return API_GATEWAY_V1;
            }
        }
        if (event.has("detail-type") && event.has("source") && event.has("detail")) {
            return EVENTBRIDGE;
        }
        return DIRECT;
    }
}
