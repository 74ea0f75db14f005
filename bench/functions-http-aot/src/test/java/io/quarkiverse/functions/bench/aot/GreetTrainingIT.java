package io.quarkiverse.functions.bench.aot;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The training run: Quarkus starts the packaged app with {@code -XX:AOTMode=record}, these requests go over a real
 * socket, and when the run ends Quarkus writes {@code target/quarkus-app/app.aot}. Valid calls train the success
 * path; a malformed body and an unknown function train the error paths.
 */
@QuarkusIntegrationTest
class GreetTrainingIT {

    @Test
    void greetAnswersWithTheGreeting() {
        for (String name : new String[] { "Ada", "Grace", "Анна" }) {
            given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                    .when().post("/greet")
                    .then().statusCode(200)
                    .body("message", equalTo("Hello " + name + "!"));
        }
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Ada\"")
                .when().post("/greet")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("malformed-json"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownFunctionIsA404() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/no-such-function")
                .then().statusCode(404);
    }
}
