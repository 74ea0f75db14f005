package io.quarkiverse.functions.it.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.test.FunctionEvents;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sample events of the event console have the shape of the events AWS publishes: every field of AWS's document is
 * in the sample, except the fields whose names are data (headers, query parameters, attributes, item keys).
 */
@QuarkusTest
class SampleEventShapesTest {

    /** Objects whose field names are data, not shape. */
    private static final Set<String> DATA = Set.of("headers", "multiValueHeaders", "queryStringParameters",
            "multiValueQueryStringParameters", "pathParameters", "stageVariables", "messageAttributes",
            "MessageAttributes", "Keys", "NewImage", "OldImage", "detail", "authorizer");

    /**
     * Fields that AWS sends only in some cases, which the samples leave out: a DynamoDB record's {@code userIdentity}
     * (deletions by TTL), an S3 object's {@code versionId} (versioned buckets), an HTTP event's {@code authorizer}
     * (authorized routes), and an HTTP API event's cookies, path parameters, query and stage variables (only when there
     * are some). {@code urlDecodedKey} is not AWS's: the Java events library adds it.
     */
    private static final Set<String> OPTIONAL = Set.of("/Records[]/userIdentity", "/Records[]/userIdentity/principalId",
            "/Records[]/userIdentity/type", "/Records[]/s3/object/versionId", "/Records[]/s3/object/urlDecodedKey",
            "/requestContext/authorizer", "/cookies", "/pathParameters", "/queryStringParameters", "/stageVariables");

    @ParameterizedTest
    @CsvSource({
            "sqs, sqs/sqs_event_product.json",
            "sns, sns/sns_event.json",
            "kinesis, kinesis/kinesis_event.json",
            "dynamodb, ddb/dynamo_event.json",
            "s3, s3/s3_event.json",
            "eventbridge, eventbridge/cloudwatch_event.json",
            "api-gateway-v1, apigw/apigw_rest_event.json",
            "api-gateway-v2, apigw/apigw_http_event.json",
            "alb, alb/elb_event.json"
    })
    void sampleHasTheFieldsOfAwsEvent(String kind, String fixture) {
        JsonNode sample = read(FunctionEvents.lambda("greet").sample(kind, "{\"name\":\"Ada\"}"));

        Set<String> expected = paths(Events.load(fixture), "");
        expected.removeAll(kind.equals("api-gateway-v1") ? Set.of("/requestContext/authorizer") : OPTIONAL);

        assertThat(paths(sample, "")).as(kind).containsAll(expected);
    }

    private static JsonNode read(String json) {
        try {
            return Events.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a sample event", e);
        }
    }

    /** The field paths of a document, arrays by their first element. */
    private static Set<String> paths(JsonNode node, String prefix) {
        Set<String> paths = new TreeSet<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String path = prefix + "/" + field.getKey();
                paths.add(path);
                if (!DATA.contains(field.getKey())) {
                    paths.addAll(paths(field.getValue(), path));
                }
            }
        } else if (node.isArray() && node.size() > 0) {
            paths.addAll(paths(node.get(0), prefix + "[]"));
        }
        return paths;
    }
}
