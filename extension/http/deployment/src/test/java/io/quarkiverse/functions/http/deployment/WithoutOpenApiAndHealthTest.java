package io.quarkiverse.functions.http.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.ProdBuildResults;
import io.quarkus.test.ProdModeTestResults;
import io.quarkus.test.QuarkusProdModeTest;
import io.restassured.http.ContentType;

/**
 * An application with the binding alone, as with stock Funqy: no quarkus-smallrye-openapi and no
 * quarkus-smallrye-health, so neither conditional dependency is added. Functions are served, {@code /q/openapi} and
 * {@code /q/health} are not, and the build still writes the functions' OpenAPI document to the build output.
 */
class WithoutOpenApiAndHealthTest {

    @RegisterExtension
    static final QuarkusProdModeTest app = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .setApplicationName("functions-http-alone")
            .setApplicationVersion("1.0")
            .setRun(true);

    @ProdBuildResults
    ProdModeTestResults results;

    @Test
    void onlyTheBindingIsInstalled() {
        assertThat(app.getStartupConsoleOutput())
                .contains("functions-http")
                .doesNotContain("smallrye-openapi", "smallrye-health", "functions-http-openapi", "functions-http-health");
    }

    @Test
    void functionsAreServed() {
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/hello")
                .then().statusCode(200).body(equalTo("Hello Ada"));
    }

    @Test
    void noDocumentAndNoHealthAreServed() {
        given().when().get("/q/openapi").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void theDocumentIsWrittenToTheBuildOutput() throws IOException {
        Path functions = results.getBuildDir().resolve("functions");
        String json = Files.readString(functions.resolve("openapi.json"));
        assertThat(json).contains("\"openapi\" : \"3.1.0\"", "\"title\" : \"functions-http-alone API\"", "\"/hello\"",
                "FunctionProblem");
        assertThat(Files.readString(functions.resolve("openapi.yaml"))).contains("openapi: 3.1.0", "/hello:");
        assertThat(functions.resolve("schemas/hello.input.schema.json")).exists();
    }

    public static class Functions {
        @Funq
        public String hello(String name) {
            return "Hello " + name;
        }
    }
}
