package io.quarkiverse.functions.http.openapi.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application with JAX-RS endpoints and functions under a root path has one OpenAPI document with both.
 */
class OpenApiWithRestTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Resource.class))
            .overrideConfigKey("quarkus.functions.http.root-path", "/fn");

    @Test
    void documentHasTheRestEndpointsAndTheFunctions() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("paths", hasKey("/hello"))
                .body("paths", hasKey("/fn/greet"))
                .body("paths", hasKey("/fn/"))
                .body("paths", not(hasKey("/greet")))
                .body("paths.'/fn/greet'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Name"))
                .body("paths.'/fn/greet'.post.responses.'500'.'$ref'",
                        equalTo("#/components/responses/FunctionInternalError"))
                .body("components.responses.FunctionInternalError.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/FunctionProblem"))
                .body("paths.'/fn/greet'.post.responses.'200'.content.'text/plain'.schema.type", equalTo("string"))
                .body("paths.'/fn/greet'.post.responses.'415'.'$ref'",
                        equalTo("#/components/responses/FunctionUnsupportedMediaType"))
                .body("components.schemas.Name.required", equalTo(java.util.List.of("value")));
    }

    @Test
    void bothAreServed() {
        given().when().get("/hello").then().statusCode(200).body(equalTo("hello"));
        given().contentType("application/json").body("{\"value\":\"Ada\"}").when().post("/fn/greet")
                .then().statusCode(200).contentType("text/plain; charset=UTF-8").body(equalTo("Hello Ada"));
    }

    public record Name(@jakarta.validation.constraints.NotNull String value) {
    }

    public static class Functions {
        @Funq
        public String greet(Name name) {
            return "Hello " + name.value();
        }
    }

    @Path("/hello")
    public static class Resource {
        @GET
        public String hello() {
            return "hello";
        }
    }
}
