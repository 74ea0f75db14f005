package io.quarkiverse.functions.amazonlambda.runtime.dev;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP events of Lambda: API Gateway REST (v1) and HTTP (v2) APIs, Function URLs and ALB, shaped as AWS documents
 * them, each a {@code POST /<function>} with the function's input as its JSON body ({@code GET} without one). The
 * binding serves the function it is deployed for on every path, so the path only shows what a caller would send.
 */
final class LambdaHttpSamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String USER_AGENT = "curl/8.5.0";
    private static final String SOURCE_IP = "203.0.113.10";

    private LambdaHttpSamples() {
    }

    /** An HTTP API (payload format 2.0) request, or a Function URL one: they share the format. */
    static ObjectNode v2(String function, SampleInput input, boolean functionUrl) {
        String method = method(input);
        String path = "/" + function;
        String urlId = "q7zk2xw5ub3vnomeh4ltrwc6aa0fjxyd";
        String apiId = functionUrl ? urlId : "a1b2c3d4e5";
        String domain = functionUrl ? urlId + ".lambda-url." + LambdaSampleEvents.REGION + ".on.aws"
                : apiId + ".execute-api." + LambdaSampleEvents.REGION + ".amazonaws.com";
        String routeKey = functionUrl ? "$default" : method + " " + path;
        Instant now = Instant.now();
        ObjectNode event = NODES.objectNode()
                .put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", path)
                .put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers")
                .put("accept", "*/*")
                .put("host", domain)
                .put("user-agent", USER_AGENT)
                .put("x-amzn-trace-id", "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .put("x-forwarded-for", SOURCE_IP)
                .put("x-forwarded-port", "443")
                .put("x-forwarded-proto", "https");
        if (input.json() != null) {
            headers.put("content-type", "application/json")
                    .put("content-length", Integer.toString(input.json().getBytes(StandardCharsets.UTF_8).length));
        }
        ObjectNode context = event.putObject("requestContext")
                .put("accountId", functionUrl ? "anonymous" : LambdaSampleEvents.ACCOUNT)
                .put("apiId", apiId)
                .put("domainName", domain)
                .put("domainPrefix", apiId);
        context.putObject("http")
                .put("method", method)
                .put("path", path)
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", SOURCE_IP)
                .put("userAgent", USER_AGENT);
        context.put("requestId", UUID.randomUUID().toString())
                .put("routeKey", routeKey)
                .put("stage", "$default")
                .put("time", CLF.format(now))
                .put("timeEpoch", now.toEpochMilli());
        body(event, input);
        return event;
    }

    /** A REST API (payload format 1.0) request, through a stage {@code prod}. */
    static ObjectNode v1(String function, SampleInput input) {
        String method = method(input);
        String path = "/" + function;
        String apiId = "1234567890";
        String domain = apiId + ".execute-api." + LambdaSampleEvents.REGION + ".amazonaws.com";
        Instant now = Instant.now();
        ObjectNode event = NODES.objectNode()
                .put("version", "1.0")
                .put("resource", path)
                .put("path", path)
                .put("httpMethod", method);
        ObjectNode headers = event.putObject("headers")
                .put("Accept", "*/*")
                .put("Host", domain)
                .put("User-Agent", USER_AGENT)
                .put("X-Forwarded-For", SOURCE_IP)
                .put("X-Forwarded-Port", "443")
                .put("X-Forwarded-Proto", "https");
        if (input.json() != null) {
            headers.put("Content-Type", "application/json");
        }
        ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            multiValueHeaders.putArray(header.getKey()).add(header.getValue());
        }
        event.putNull("queryStringParameters");
        event.putNull("multiValueQueryStringParameters");
        event.putNull("pathParameters");
        event.putNull("stageVariables");
        ObjectNode context = event.putObject("requestContext")
                .put("accountId", LambdaSampleEvents.ACCOUNT)
                .put("apiId", apiId)
                .put("domainName", domain)
                .put("domainPrefix", apiId)
                .put("extendedRequestId", UUID.randomUUID().toString().substring(0, 16) + "=")
                .put("httpMethod", method)
                .put("path", "/prod" + path)
                .put("protocol", "HTTP/1.1")
                .put("requestId", UUID.randomUUID().toString())
                .put("requestTime", CLF.format(now))
                .put("requestTimeEpoch", now.toEpochMilli())
                .put("resourceId", "abc123")
                .put("resourcePath", path)
                .put("stage", "prod");
        ObjectNode identity = context.putObject("identity");
        for (String absent : new String[] { "accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "user",
                "userArn" }) {
            // an unauthenticated caller: API Gateway sends these as null
            identity.putNull(absent);
        }
        identity.put("sourceIp", SOURCE_IP).put("userAgent", USER_AGENT);
        body(event, input);
        return event;
    }

    /** An Application Load Balancer request, without multi-value headers (the target group's default). */
    static ObjectNode alb(String function, SampleInput input) {
        String method = method(input);
        ObjectNode event = NODES.objectNode();
        event.putObject("requestContext").putObject("elb").put("targetGroupArn", "arn:aws:elasticloadbalancing:"
                + LambdaSampleEvents.REGION + ":" + LambdaSampleEvents.ACCOUNT + ":targetgroup/" + function + "-tg/"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        event.put("httpMethod", method)
                .put("path", "/" + function);
        event.putObject("queryStringParameters");
        ObjectNode headers = event.putObject("headers")
                .put("accept", "*/*")
                .put("host", function + "-alb-1234567890." + LambdaSampleEvents.REGION + ".elb.amazonaws.com")
                .put("user-agent", USER_AGENT)
                .put("x-amzn-trace-id", "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 24))
                .put("x-forwarded-for", SOURCE_IP)
                .put("x-forwarded-port", "443")
                .put("x-forwarded-proto", "https");
        if (input.json() != null) {
            headers.put("content-type", "application/json");
        }
        body(event, input);
        return event;
    }

    private static String method(SampleInput input) {
        return input.json() == null ? "GET" : "POST";
    }

    private static void body(ObjectNode event, SampleInput input) {
        if (input.json() == null) {
            event.putNull("body");
        } else {
            event.put("body", input.json());
        }
        event.put("isBase64Encoded", false);
    }
}
