package io.quarkiverse.functions.http.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.http.ContentType;

/**
 * Functions under a configured root path; Quarkus's own endpoints stay reachable. The application has no Bean
 * Validation: functions work without it.
 */
class RootPathTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.http.root-path", "/fn");

    @Test
    void functionsAreServedUnderTheRootPath() {
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/fn/hello")
                .then().statusCode(200).body(equalTo("Hello Ada"));
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/fn/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("function-not-found"));
    }

    @Test
    void pathsOutsideTheRootAreNotFunctions() {
        given().contentType(ContentType.JSON).body("\"Ada\"")
                .when().post("/hello")
                .then().statusCode(anyOf(is(404), is(405))) // Quarkus's own answer, not the function's
                .body(not(containsString("Hello")));
    }

    public static class Functions {
        @Funq
        public String hello(String name) {
            return "Hello " + name;
        }
    }
}
