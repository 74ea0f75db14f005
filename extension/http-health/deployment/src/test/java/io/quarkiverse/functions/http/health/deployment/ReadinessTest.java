package io.quarkiverse.functions.http.health.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With quarkus-smallrye-health, quarkus-functions-http adds the functions' readiness check; functions under a root
 * path do not shadow {@code /q/health}.
 */
class ReadinessTest {

    @RegisterExtension
    static final QuarkusUnitTest test = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.functions.http.root-path", "/fn");

    @Test
    void readinessHasTheFunctionsCheck() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("functions"))
                .body("checks.find { it.name == 'functions' }.data.functions", equalTo(1));
    }

    @Test
    void functionsAreServed() {
        given().contentType("application/json").body("\"Ada\"").when().post("/fn/hello")
                .then().statusCode(200).body(equalTo("Hello Ada"));
    }

    public static class Functions {
        @Funq
        public String hello(String name) {
            return "Hello " + name;
        }
    }
}
