package io.quarkiverse.functions.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.functions.runtime.dev.EventConsole;
import io.quarkiverse.functions.runtime.dev.EventConsole.Reply;

/**
 * AWS Lambda events for one function, handled by the binding as the function's own handler handles them on Lambda.
 * Get it with {@link FunctionEvents#lambda(String)}.
 */
public final class LambdaEvents {

    static final String PLATFORM = "AWS Lambda";

    private final EventConsole console;
    private final String function;

    LambdaEvents(EventConsole console, String function) {
        this.console = console;
        this.function = function;
    }

    /**
     * A direct invocation ({@code aws lambda invoke}, an SDK's {@code Invoke}).
     *
     * @param payload the function's input, JSON
     */
    public LambdaReply direct(String payload) {
        return send(payload);
    }

    /**
     * A batch of SQS messages from a standard queue, one record per body.
     *
     * @param bodies the message bodies, as sent to the queue: JSON, or text for a function that takes a {@code String}
     * @return the partial batch response; when the whole invocation failed, every message is reported as failed, as
     *         Lambda then delivers the batch again
     */
    public LambdaBatchReply sqs(String... bodies) {
        ObjectNode event = sampleTree("sqs", null);
        List<String> ids = new ArrayList<>();
        records(event, bodies.length, (record, index) -> {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            record.put("messageId", id).put("body", bodies[index]).put("md5OfBody", Consoles.md5(bodies[index]));
        });
        return batch(event, ids, List.of(bodies));
    }

    /**
     * A batch of Kinesis records.
     *
     * @param data the records' data, as put on the stream (the event carries it base64-encoded)
     * @return the partial batch response, whose ids are the records' sequence numbers
     */
    public LambdaBatchReply kinesis(String... data) {
        ObjectNode event = sampleTree("kinesis", null);
        List<String> ids = new ArrayList<>();
        records(event, data.length, (record, index) -> {
            ObjectNode kinesis = (ObjectNode) record.get("kinesis");
            String base = kinesis.get("sequenceNumber").asText();
            String id = base.substring(0, base.length() - 6) + String.format("%06d", index);
            ids.add(id);
            kinesis.put("sequenceNumber", id)
                    .put("data", Base64.getEncoder().encodeToString(data[index].getBytes(StandardCharsets.UTF_8)));
            record.put("eventID", "shardId-000000000000:" + id);
        });
        return batch(event, ids, List.of(data));
    }

    /** An API Gateway HTTP API request (payload format 2.0). */
    public HttpEventReply apiGatewayV2(String method, String path, Map<String, String> headers, String body) {
        return http("api-gateway-v2", method, path, headers, body);
    }

    /** An API Gateway REST API request (payload format 1.0). */
    public HttpEventReply apiGatewayV1(String method, String path, Map<String, String> headers, String body) {
        return http("api-gateway-v1", method, path, headers, body);
    }

    /** A Function URL request. */
    public HttpEventReply functionUrl(String method, String path, Map<String, String> headers, String body) {
        return http("function-url", method, path, headers, body);
    }

    /** An Application Load Balancer request. */
    public HttpEventReply alb(String method, String path, Map<String, String> headers, String body) {
        return http("alb", method, path, headers, body);
    }

    /**
     * A sample event of one of the binding's kinds with the input inside where the binding reads it: {@code direct},
     * {@code api-gateway-v1}, {@code api-gateway-v2}, {@code function-url}, {@code alb}, {@code sqs}, {@code sns},
     * {@code kinesis}, {@code dynamodb}, {@code s3} (the function receives the record), {@code eventbridge}.
     *
     * @param input the function's input, JSON, or {@code null}
     */
    public LambdaReply event(String kind, String input) {
        return send(sample(kind, input));
    }

    /**
     * @return the sample event of {@link #event(String, String)}, JSON, to change before {@link #send(String)}
     */
    public String sample(String kind, String input) {
        return console.sample(kind, function, input).body();
    }

    /**
     * @param event an event document, as Lambda would hand it to the function
     */
    public LambdaReply send(String event) {
        Reply reply = console.send(function, new EventConsole.Request(Map.of(), event));
        return new LambdaReply(reply.body(), reply.headers().get("x-amz-function-error"), reply.requestId());
    }

    private HttpEventReply http(String kind, String method, String path, Map<String, String> headers, String body) {
        ObjectNode event = sampleTree(kind, body);
        LambdaHttpEvents.request(kind, event, method, path, headers == null ? Map.of() : headers, body);
        LambdaReply reply = send(Consoles.write(event));
        return LambdaHttpEvents.reply(reply);
    }

    private ObjectNode sampleTree(String kind, String input) {
        return (ObjectNode) Consoles.read(sample(kind, input), "the sample " + kind + " event");
    }

    private interface RecordFiller {
        void fill(ObjectNode record, int index);
    }

    /** Replaces the sample's one record by {@code count} copies of it, each filled in. */
    private static void records(ObjectNode event, int count, RecordFiller filler) {
        ArrayNode records = (ArrayNode) event.get("Records");
        JsonNode template = records.get(0);
        records.removeAll();
        for (int i = 0; i < count; i++) {
            ObjectNode record = template.deepCopy();
            filler.fill(record, i);
            records.add(record);
        }
    }

    private LambdaBatchReply batch(ObjectNode event, List<String> ids, List<String> bodies) {
        LambdaReply reply = send(Consoles.write(event));
        List<String> failed = new ArrayList<>();
        if (reply.isError()) {
            failed.addAll(ids);
        } else {
            for (JsonNode failure : reply.json().path("batchItemFailures")) {
                failed.add(failure.path("itemIdentifier").asText());
            }
        }
        return new LambdaBatchReply(List.copyOf(ids), List.copyOf(bodies), List.copyOf(failed), reply);
    }
}
