package io.quarkiverse.functions.it.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application serves the document, and the build wrote the same document to {@code target/}.
 */
@QuarkusIntegrationTest
class OpenApiDocumentIT extends OpenApiDocumentTest {

    @Test
    void targetHoldsTheServedDocument() throws Exception {
        Path json = Path.of("target", "functions", "openapi.json");
        Path yaml = Path.of("target", "functions", "openapi.yaml");
        JsonNode served = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
        assertThat(new ObjectMapper().readTree(Files.readString(json))).isEqualTo(served);
        assertThat(new YAMLMapper().readTree(Files.readString(yaml))).isEqualTo(served);
        assertThat(parse(Files.readString(yaml)).getPaths()).containsKeys("/greet", "/subscribe", "/");
    }
}
