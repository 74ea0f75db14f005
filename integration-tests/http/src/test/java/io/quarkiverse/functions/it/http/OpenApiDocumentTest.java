package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The served OpenAPI document, read by a real OpenAPI parser (swagger-parser): valid 3.1, with every example function,
 * its schemas and its problem responses.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final List<String> FUNCTIONS = List.of("audit", "audit-entries", "charge", "chargeOrder", "context", "fail", "greet", "slow",
            "startup-info", "subscribe", "total");
    static final String PROBLEM = "#/components/schemas/FunctionProblem";

    OpenAPI openApi;

    @BeforeEach
    void parse() {
        String json = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        openApi = parse(json);
    }

    static OpenAPI parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    @Test
    void isOpenApi31() {
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        assertThat(openApi.getSpecVersion()).isEqualTo(SpecVersion.V31);
    }

    @Test
    void yamlIsServedToo() {
        String yaml = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        OpenAPI fromYaml = parse(yaml);
        assertThat(fromYaml.getPaths().keySet()).isEqualTo(openApi.getPaths().keySet());
    }

    @Test
    void everyFunctionHasAPostOperationWithProblemResponses() {
        for (String function : FUNCTIONS) {
            PathItem path = openApi.getPaths().get("/" + function);
            assertThat(path).as("path of %s", function).isNotNull();
            Operation post = path.getPost();
            assertThat(post.getOperationId()).isEqualTo(function);
            for (String status : List.of("4XX", "413", "500", "503", "504")) {
                assertProblem(post.getResponses().get(status), function + " " + status);
            }
            assertThat(resolve(post.getResponses().get("503")).getHeaders()).containsKeys("Retry-After", "X-Request-Id");
            assertThat(post.getResponses().get("500").get$ref()).isEqualTo("#/components/responses/FunctionInternalError");
        }
    }

    @Test
    void inputAndOutputSchemasAreReferenced() {
        Operation greet = openApi.getPaths().get("/greet").getPost();
        assertThat(greet.getRequestBody().getRequired()).isTrue();
        assertThat(greet.getRequestBody().getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/GreetInput");
        assertThat(greet.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Greeting");
        assertProblem(greet.getResponses().get("400"), "greet 400");
        assertThat(resolve(greet.getResponses().get("400")).getDescription()).contains("validation-failed", "malformed-json");
        assertThat(greet.getResponses().get("200").getHeaders().get("X-Request-Id").get$ref())
                .isEqualTo("#/components/headers/X-Request-Id");

        Schema<?> total = openApi.getPaths().get("/total").getPost().getRequestBody().getContent().get("application/json")
                .getSchema();
        assertThat(total.getTypes()).containsExactly("array");
        assertThat(total.getItems().get$ref()).isEqualTo("#/components/schemas/LineItem");

        Operation audit = openApi.getPaths().get("/audit").getPost();
        assertThat(audit.getResponses()).containsKey("204").doesNotContainKey("200");
        Operation context = openApi.getPaths().get("/context").getPost();
        assertThat(context.getRequestBody()).as("a function without input has no body").isNull();
        assertThat(context.getResponses()).doesNotContainKey("400");
    }

    @Test
    void everyFunctionCanBeCalledAsAJob() {
        for (String function : FUNCTIONS) {
            Operation post = openApi.getPaths().get("/" + function).getPost();
            assertThat(post.getParameters()).extracting(parameter -> parameter.getName())
                    .as("headers of %s", function).contains("Prefer", "Idempotency-Key");
            assertThat(resolve(post.getResponses().get("202")).getHeaders()).containsKeys("Location", "Retry-After");

            Operation job = openApi.getPaths().get("/" + function + "/jobs/{id}").getGet();
            assertThat(job.getOperationId()).isEqualTo(function + "-job");
            assertThat(job.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/FunctionJob");
            assertProblem(job.getResponses().get("404"), function + " job 404");
        }
        Schema<?> job = openApi.getComponents().getSchemas().get("FunctionJob");
        assertThat(job.getProperties().get("status").getEnum()).containsExactly("pending", "running", "succeeded", "failed");
    }

    @Test
    void idempotentFunctionsStateTheirConflicts() {
        Operation charge = openApi.getPaths().get("/charge").getPost();
        assertProblem(charge.getResponses().get("409"), "charge 409");
        assertProblem(charge.getResponses().get("422"), "charge 422");
        assertThat(resolve(charge.getResponses().get("409")).getDescription()).contains("idempotency-in-progress");
        assertThat(resolve(charge.getResponses().get("422")).getDescription()).contains("idempotency-key-reused");
        assertThat(charge.getResponses().get("200").getHeaders()).containsKey("Idempotent-Replayed");

        Operation greet = openApi.getPaths().get("/greet").getPost();
        assertThat(greet.getResponses()).as("greet is not idempotent").doesNotContainKeys("409", "422");
    }

    @Test
    void componentsCarryTheConstraints() {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        assertThat(schemas).containsKeys("GreetInput", "Greeting", "LineItem", "Total", "AuditEntry", "Subscription",
                "Receipt", "Plan", "FunctionProblem", "FunctionCloudEvent");

        Schema<?> greetInput = schemas.get("GreetInput");
        assertThat(greetInput.getRequired()).containsExactly("name");
        assertThat(greetInput.getProperties().get("name").getMinLength()).isEqualTo(1);

        Schema<?> subscription = schemas.get("Subscription");
        assertThat(subscription.getRequired()).containsExactlyInAnyOrder("email", "plan", "seats");
        Map<String, Schema> properties = subscription.getProperties();
        assertThat(properties.get("email").getFormat()).isEqualTo("email");
        assertThat(properties.get("seats").getMinimum()).isEqualByComparingTo("1");
        assertThat(properties.get("seats").getMaximum()).isEqualByComparingTo("500");
        assertThat(properties.get("country").getPattern()).isEqualTo("^(?:[A-Z]{2})$");
        assertThat(properties.get("tags").getMaxItems()).isEqualTo(3);
        assertThat(properties.get("startsOn").getFormat()).isEqualTo("date");
        assertThat(properties).containsKey("referral_code").doesNotContainKey("referralCode");
        assertThat(schemas.get("Plan").getEnum()).containsExactly("FREE", "TEAM", "ENTERPRISE");

        Schema<?> problem = schemas.get("FunctionProblem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "code",
                "retryAfterSeconds", "violations");
    }

    @Test
    void getOperationsListQueryParameters() {
        Operation greet = openApi.getPaths().get("/greet").getGet();
        assertThat(greet.getOperationId()).isEqualTo("greet-get");
        assertThat(greet.getParameters()).extracting(Parameter::getName, Parameter::getIn, Parameter::getRequired)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "query", true));
        assertThat(openApi.getPaths().get("/total").getGet()).as("a list input cannot be given as a query").isNull();
        assertThat(openApi.getPaths().get("/context").getGet().getParameters()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void cloudEventTypesAreListed() {
        Operation greet = openApi.getPaths().get("/greet").getPost();
        assertThat((List<Object>) greet.getExtensions().get("x-cloudevent-types"))
                .containsExactly("greet", "com.example.greeting.requested");
        Operation events = openApi.getPaths().get("/").getPost();
        assertThat(events.getOperationId()).isEqualTo("cloudevent");
        assertThat(events.getRequestBody().getContent()).containsKeys("application/cloudevents+json", "application/json");
        Parameter type = events.getParameters().stream().filter(p -> p.getName().equals("ce-type")).findFirst()
                .orElseThrow();
        assertThat(type.getSchema().getEnum()).contains("greet", "com.example.greeting.requested", "subscribe");
        assertProblem(events.getResponses().get("400"), "cloudevent 400");
        assertProblem(events.getResponses().get("404"), "cloudevent 404");
    }

    /**
     * A schema shown in the docs under {@code <!-- generated: /q/openapi#<pointer> -->} is the served one.
     */
    @Test
    void docsShowTheServedSchemas() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode served = json.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        Matcher block = GENERATED.matcher(Files.readString(Path.of("..", "..", "docs", "contracts.md")));
        int checked = 0;
        while (block.find()) {
            assertThat(json.readTree(block.group(2))).as("docs/contracts.md, block %s", block.group(1))
                    .isEqualTo(served.at(block.group(1)));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(1);
    }

    static final Pattern GENERATED = Pattern.compile("<!-- generated: /q/openapi#(\\S+) -->\\R```json\\R(.*?)```",
            Pattern.DOTALL);

    /**
     * The problem responses are shared: {@code $ref: #/components/responses/<name>}.
     */
    ApiResponse resolve(ApiResponse response) {
        if (response == null || response.get$ref() == null) {
            return response;
        }
        String name = response.get$ref().substring("#/components/responses/".length());
        ApiResponse shared = openApi.getComponents().getResponses().get(name);
        assertThat(shared).as("shared response %s", name).isNotNull();
        return shared;
    }

    void assertProblem(ApiResponse reference, String what) {
        ApiResponse response = resolve(reference);
        assertThat(response).as(what).isNotNull();
        assertThat(response.getContent()).as(what).containsOnlyKeys("application/problem+json");
        assertThat(response.getContent().get("application/problem+json").getSchema().get$ref()).as(what)
                .isEqualTo(PROBLEM);
        assertThat(response.getHeaders()).as(what).containsKey("X-Request-Id");
    }
}
