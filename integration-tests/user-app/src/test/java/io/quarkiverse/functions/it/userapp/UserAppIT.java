package io.quarkiverse.functions.it.userapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.functions.it.devmode.DevModeApp;

/**
 * Keeps docs/installation.md honest: for each binding, a fresh project is made from the complete pom on that page, with
 * two functions and a {@code @QuarkusTest} of its own, and {@code mvn verify} is run on it offline, as a user would,
 * against the 999-SNAPSHOT artifacts in the local repository; then {@code mvn quarkus:dev}, and a function is called.
 */
class UserAppIT {

    private static final Path DOCS = Path.of("../../docs/installation.md");
    private static final Path WRAPPER = Path.of("../../mvnw");
    private static final Path SCRATCH = Path.of("target/user-app");
    private static final Pattern POM = Pattern.compile("<!-- pom: ([a-z-]+) -->\\s*```xml\\n(.*?)```\\s*<!-- /pom -->",
            Pattern.DOTALL);
    private static final Pattern SUITE = Pattern.compile("<testsuite [^>]*>");
    private static final long BUILD_TIMEOUT_MINUTES = 10;

    private static Path localRepository;
    private static String localRepositoryTail;
    private static String notInstalled;

    @BeforeAll
    static void findTheLocalRepository() {
        localRepository = Path.of(System.getProperty("user-app.local-repository",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        String tail = System.getProperty("user-app.local-repository-tail", "");
        localRepositoryTail = tail.isBlank() || tail.startsWith("${") ? null : tail;
        String version = System.getProperty("user-app.version", "999-SNAPSHOT");
        Path jar = localRepository.resolve("io/quarkiverse/functions/quarkus-functions-http/" + version
                + "/quarkus-functions-http-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            notInstalled = "UserAppIT skipped: " + jar + " is not in the local repository. The scratch projects resolve"
                    + " the extension from there: run ./mvnw install (not verify), or skip this test with -Duser-app.skip.";
            System.out.println(notInstalled);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "http", "amazon-lambda", "google-cloud-functions" })
    void thePomOfTheDocsBuildsAnAppAndItsTestPasses(String binding) throws Exception {
        assumeTrue(notInstalled == null, notInstalled);

        // given a project made of the docs' pom, two functions and a test as a user writes them
        Path project = SCRATCH.resolve(binding).toAbsolutePath();
        deleteRecursively(project);
        write(project.resolve("pom.xml"), pomOf(binding));
        write(project.resolve("src/main/java/org/acme/GreetingFunctions.java"), FUNCTIONS);
        write(project.resolve("src/test/java/org/acme/GreetingFunctionsTest.java"),
                switch (binding) {
                    case "http" -> HTTP_TEST;
                    case "amazon-lambda" -> LAMBDA_TEST;
                    default -> GOOGLE_TEST;
                });

        // when it is built offline with the repository's Maven wrapper
        Path log = SCRATCH.resolve(binding + ".log").toAbsolutePath();
        long start = System.nanoTime();
        int exit = mavenVerify(project, binding, log);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.printf("UserAppIT: %s built in %d s (exit %d), log in %s%n", binding, seconds, exit, log);

        // then the build succeeds and the user's test ran and passed
        assertThat(exit).as("exit code of mvn verify on %s; the log ends with:%n%s", project, tail(log, 80)).isZero();
        Path report = project.resolve("target/surefire-reports/TEST-org.acme.GreetingFunctionsTest.xml");
        assertThat(report).as("surefire report of the user's test").isRegularFile();
        Matcher suite = SUITE.matcher(Files.readString(report));
        assertThat(suite.find()).isTrue();
        assertThat(suite.group())
                .contains("tests=\"" + (binding.equals("amazon-lambda") ? 3 : 2) + "\"")
                .contains("failures=\"0\"")
                .contains("errors=\"0\"")
                .contains("skipped=\"0\"");

        // and it runs in dev mode, a function answering on POST /<function> whatever the binding
        if (!Boolean.getBoolean(DevModeApp.SKIP)) {
            assertThat(greetInDevMode(project, binding)).isEqualTo("{\"message\":\"Hello Ada!\"}");
        }
    }

    @Test
    void anApplicationWithTwoBindingsBuildsWithAWarningThatSaysTheFix() throws Exception {
        assumeTrue(notInstalled == null, notInstalled);
        Path project = SCRATCH.resolve("two-bindings").toAbsolutePath();
        deleteRecursively(project);
        // the HTTP pom of the docs, with the Lambda binding added to the project's dependencies
        String pom = pomOf("http").replace("\n    <dependencies>\n", """

                    <dependencies>
                        <dependency>
                            <groupId>io.quarkiverse.functions</groupId>
                            <artifactId>quarkus-functions-amazon-lambda</artifactId>
                            <version>${quarkus-functions.version}</version>
                        </dependency>
                """);
        assertThat(pom).contains("quarkus-functions-amazon-lambda");
        write(project.resolve("pom.xml"), pom);
        write(project.resolve("src/main/java/org/acme/GreetingFunctions.java"), FUNCTIONS);

        Path log = SCRATCH.resolve("two-bindings.log").toAbsolutePath();
        int exit = maven(project, "two-bindings", log, "package", "-DskipTests");

        assertThat(exit).as("the log ends with:%n%s", tail(log, 80)).isZero();
        assertThat(Files.readString(log)).contains("This application has more than one Quarkus Functions platform"
                + " binding: quarkus-functions-http, quarkus-functions-amazon-lambda. An application uses one binding."
                + " Fix: build one application per platform");
    }

    private static String greetInDevMode(Path project, String binding) throws Exception {
        List<String> args = new ArrayList<>(List.of("-o", "-Dmaven.repo.local=" + localRepository));
        if (localRepositoryTail != null) {
            args.add("-Dmaven.repo.local.tail=" + localRepositoryTail);
        }
        try (DevModeApp app = DevModeApp.start(project, WRAPPER.toAbsolutePath().normalize(), args,
                Map.of("MAVEN_BASEDIR", project.toString()), "quarkus.lambda.mock-event-server.dev-port=0")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/greet"))
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s in dev mode; its output ends with:%n%s", binding, app.logTail())
                    .isEqualTo(200);
            return response.body();
        }
    }

    private static String pomOf(String binding) throws IOException {
        Matcher matcher = POM.matcher(Files.readString(DOCS));
        while (matcher.find()) {
            if (matcher.group(1).equals(binding)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("docs/installation.md has no pom between <!-- pom: " + binding + " --> and <!-- /pom -->");
    }

    private static int mavenVerify(Path project, String binding, Path log) throws IOException, InterruptedException {
        return maven(project, binding, log, "verify");
    }

    private static int maven(Path project, String binding, Path log, String... goals)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WRAPPER.toAbsolutePath().normalize().toString(),
                "-o", "-B", "-ntp"));
        command.addAll(List.of(goals));
        command.addAll(List.of("-f", project.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + localRepository));
        // Free ports instead of 8081: other builds may run tests on this machine at the same time. RestAssured needs the
        // HTTP test port before the application has started, so it is chosen here rather than left to 0.
        if (binding.equals("http")) {
            command.add("-Dquarkus.http.test-port=" + freePort());
        } else if (binding.equals("amazon-lambda")) {
            command.add("-Dquarkus.lambda.mock-event-server.test-port=0");
        }
        if (localRepositoryTail != null) {
            command.add("-Dmaven.repo.local.tail=" + localRepositoryTail);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // the scratch project is its own Maven project, not a part of this repository's build
        env.put("MAVEN_BASEDIR", project.toString());
        env.remove("MAVEN_PROJECTBASEDIR");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", goals) + " on " + project + " did not finish in " + BUILD_TIMEOUT_MINUTES
                    + " minutes; the log ends with:\n" + tail(log, 80));
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    private static final String FUNCTIONS = """
            package org.acme;

            import java.util.Locale;

            import jakarta.enterprise.context.ApplicationScoped;

            import io.quarkus.funqy.Funq;

            @ApplicationScoped
            public class GreetingFunctions {

                public record Greeting(String name) {
                }

                public record Reply(String message) {
                }

                @Funq
                public Reply greet(Greeting greeting) {
                    return new Reply("Hello " + greeting.name() + "!");
                }

                @Funq
                public String shout(String text) {
                    return text.toUpperCase(Locale.ROOT) + "!";
                }
            }
            """;

    private static final String HTTP_TEST = """
            package org.acme;

            import static io.restassured.RestAssured.given;
            import static org.hamcrest.Matchers.is;

            import org.junit.jupiter.api.Test;

            import io.quarkus.test.junit.QuarkusTest;

            @QuarkusTest
            class GreetingFunctionsTest {

                @Test
                void greet() {
                    given().contentType("application/json").body("{\\"name\\":\\"Ada\\"}")
                            .when().post("/greet")
                            .then().statusCode(200).body("message", is("Hello Ada!"));
                }

                @Test
                void shout() {
                    given().contentType("text/plain").body("hello")
                            .when().post("/shout")
                            .then().statusCode(200).body(is("HELLO!"));
                }
            }
            """;

    // as docs/testing.md has a user write them: the platform's events, through the binding
    private static final String LAMBDA_TEST = """
            package org.acme;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import java.util.List;

            import org.junit.jupiter.api.Test;

            import io.quarkiverse.functions.test.FunctionEvents;
            import io.quarkiverse.functions.test.LambdaBatchReply;
            import io.quarkiverse.functions.test.LambdaReply;
            import io.quarkus.test.junit.QuarkusTest;

            @QuarkusTest
            class GreetingFunctionsTest {

                @Test
                void greet() {
                    LambdaReply reply = FunctionEvents.lambda("greet").direct("{\\"name\\":\\"Ada\\"}");
                    assertEquals("Hello Ada!", reply.json().path("message").asText());
                }

                @Test
                void shout() {
                    assertEquals("HELLO!", FunctionEvents.lambda("shout").direct("\\"hello\\"").json().asText());
                }

                @Test
                void anSqsBatchReportsTheRecordThatIsNotJson() {
                    LambdaBatchReply reply = FunctionEvents.lambda("greet").sqs("{\\"name\\":\\"Ada\\"}", "not json");
                    assertEquals(List.of(reply.messageIds().get(1)), reply.failedMessageIds());
                }
            }
            """;

    private static final String GOOGLE_TEST = """
            package org.acme;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import org.junit.jupiter.api.Test;

            import io.quarkiverse.functions.test.FunctionEvents;
            import io.quarkiverse.functions.test.HttpEventReply;
            import io.quarkus.test.junit.QuarkusTest;

            @QuarkusTest
            class GreetingFunctionsTest {

                @Test
                void greet() {
                    HttpEventReply reply = FunctionEvents.googleCloudFunctions("greet").http("{\\"name\\":\\"Ada\\"}");
                    assertEquals(200, reply.status());
                    assertEquals("Hello Ada!", reply.json().path("message").asText());
                }

                @Test
                void shout() {
                    HttpEventReply reply = FunctionEvents.googleCloudFunctions("shout").pubsub("hello");
                    assertEquals(200, reply.status());
                    assertEquals("HELLO!", reply.body());
                }
            }
            """;
}
