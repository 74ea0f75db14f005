package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The schema and the runtime agree: each payload is checked against the request schema of the served OpenAPI document
 * with a JSON Schema validator (networknt, formats asserted), and sent to the running function. Both verdicts must be
 * the expected one.
 */
@QuarkusTest
class ContractAgreementTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID = "valid";
    static final String INVALID = "invalid";
    static final Set<String> INPUT_ERRORS = Set.of("invalid-input", "validation-failed", "missing-input", "malformed-json");

    record Row(String function, String payload, String expected, String why) {
    }

    static final List<Row> TABLE = List.of(
            new Row("greet", "{\"name\":\"Ada\"}", VALID, "a name"),
            new Row("greet", "{\"name\":\"Ada\",\"extra\":1}", VALID, "unknown properties are ignored"),
            new Row("greet", "{\"name\":\" \"}", INVALID, "@NotBlank: blank"),
            new Row("greet", "{}", INVALID, "@NotBlank: missing"),
            new Row("greet", "{\"name\":null}", INVALID, "@NotBlank: null"),
            new Row("greet", "{\"name\":5}", INVALID, "a number is not a string"),
            new Row("greet", "[\"Ada\"]", INVALID, "not an object"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"TEAM\",\"seats\":5,\"country\":\"GB\","
                    + "\"tags\":[\"beta\"],\"startsOn\":\"2025-01-31\",\"referral_code\":\"X1\"}", VALID, "every field"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1}", VALID, "required fields"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,\"startsOn\":null,"
                    + "\"referral_code\":null,\"tags\":null}", VALID, "nullable fields as null"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":0}", INVALID, "@Min(1)"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":501}", INVALID, "@Max(500)"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":\"5\"}", INVALID,
                    "a string is not an integer"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":2.5}", INVALID,
                    "a fraction is not an integer"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\"}", INVALID,
                    "a primitive component is required"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":null}", INVALID,
                    "a primitive is never null"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"GOLD\",\"seats\":1}", INVALID, "unknown enum"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":1,\"seats\":1}", INVALID, "enum by index"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"seats\":1}", INVALID, "@NotNull plan"),
            new Row("subscribe", "{\"email\":\"not-an-email\",\"plan\":\"FREE\",\"seats\":1}", INVALID, "@Email"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,\"country\":\"gb\"}",
                    INVALID, "@Pattern"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,\"country\":\"xGBx\"}",
                    INVALID, "@Pattern matches the whole value"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,"
                    + "\"tags\":[\"a\",\"b\",\"c\",\"d\"]}", INVALID, "@Size(max = 3)"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,\"tags\":[\"a\",\" \"]}",
                    INVALID, "@NotBlank on list elements"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,\"tags\":[\"a\",null]}",
                    INVALID, "@NotBlank on list elements: null"),
            new Row("subscribe", "{\"email\":\"ada@example.com\",\"plan\":\"FREE\",\"seats\":1,"
                    + "\"startsOn\":\"31/01/2025\"}", INVALID, "a LocalDate is an ISO date"),
            new Row("total", "[{\"sku\":\"apple\",\"quantity\":2,\"unitPriceCents\":120}]", VALID, "a list of lines"),
            new Row("total", "[]", VALID, "an empty list"),
            new Row("total", "[{\"sku\":\"apple\",\"quantity\":0,\"unitPriceCents\":120}]", INVALID,
                    "@Min(1) on an element"),
            new Row("total", "[{\"sku\":\"apple\",\"quantity\":1,\"unitPriceCents\":-1}]", INVALID, "@PositiveOrZero"),
            new Row("total", "[{\"sku\":\"apple\",\"quantity\":1}]", INVALID, "a primitive component is required"),
            new Row("total", "[null]", INVALID, "a list input has no null elements"),
            new Row("total", "{\"sku\":\"apple\",\"quantity\":1,\"unitPriceCents\":1}", INVALID, "not a list"),
            new Row("audit", "{\"actor\":\"ada\",\"action\":\"login\"}", VALID, "both fields"),
            new Row("audit", "{\"actor\":\"ada\"}", INVALID, "@NotBlank action missing"),
            new Row("slow", "{\"millis\":5}", VALID, "a long"),
            new Row("slow", "{\"millis\":true}", INVALID, "a boolean is not a number"),
            new Row("fail", "{\"kind\":null}", VALID, "a nullable string"),
            new Row("fail", "{\"kind\":\"none\"}", VALID, "a string"),
            new Row("fail", "{\"kind\":false}", INVALID, "a boolean is not a string"));

    @Test
    void schemaAndRuntimeAgreeOnEveryPayload() throws Exception {
        JsonNode document = JSON.readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> report = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        for (Row row : TABLE) {
            String schemaVerdict = schemaVerdict(requestSchema(document, row.function()), row.payload());
            String runtimeVerdict = runtimeVerdict(row);
            String line = String.format("%-9s %-8s schema=%-8s runtime=%-8s %s: %s", row.function(), row.expected(),
                    schemaVerdict, runtimeVerdict, row.why(), row.payload());
            report.add(line);
            if (!schemaVerdict.equals(row.expected()) || !runtimeVerdict.equals(row.expected())) {
                disagreements.add(line);
            }
        }
        System.out.println("Contract agreement table:\n  " + String.join("\n  ", report));
        assertThat(disagreements).as("rows where the schema, the runtime and the expectation differ").isEmpty();
        assertThat(TABLE).hasSizeGreaterThanOrEqualTo(20);
        assertThat(TABLE.stream().filter(row -> row.expected().equals(VALID))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(TABLE.stream().filter(row -> row.expected().equals(INVALID))).hasSizeGreaterThanOrEqualTo(15);
    }

    /**
     * The request body schema of {@code POST /<function>}, made a standalone JSON Schema 2020-12 document: the document's
     * components travel with it, so its {@code #/components/schemas/...} references resolve.
     */
    static ObjectNode requestSchema(JsonNode document, String function) {
        JsonNode schema = document.path("paths").path("/" + function).path("post").path("requestBody").path("content")
                .path("application/json").path("schema");
        assertThat(schema.isObject()).as("request schema of %s", function).isTrue();
        ObjectNode standalone = JSON.createObjectNode();
        standalone.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        standalone.setAll((ObjectNode) schema);
        standalone.set("components", document.get("components"));
        return standalone;
    }

    static String schemaVerdict(JsonNode schema, String payload) {
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema.toString(), InputFormat.JSON);
        List<com.networknt.schema.Error> errors = validator.validate(payload, InputFormat.JSON,
                (context, schemaContext) -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.isEmpty() ? VALID : INVALID;
    }

    static String runtimeVerdict(Row row) {
        Response response = given().contentType(ContentType.JSON).body(row.payload()).when().post("/" + row.function());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return VALID;
        }
        if (status == 400 && INPUT_ERRORS.contains(response.jsonPath().getString("code"))) {
            return INVALID;
        }
        return "status " + status;
    }
}
