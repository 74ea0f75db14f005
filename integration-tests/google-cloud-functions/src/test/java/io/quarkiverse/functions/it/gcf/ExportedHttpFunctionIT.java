package io.quarkiverse.functions.it.gcf;

import static io.quarkiverse.functions.it.gcf.InvokerProcess.ofRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One function per deployment, as on Google Cloud: the same package with {@code QUARKUS_FUNCTIONS_EXPORT=greet} set in
 * the environment, no code change, and the HTTP entry point named in the deploy command of the docs.
 */
class ExportedHttpFunctionIT {

    private static InvokerProcess invoker;

    @BeforeAll
    static void start() throws Exception {
        invoker = InvokerProcess.start(InvokerProcess.HTTP_ENTRY_POINT, Map.of("QUARKUS_FUNCTIONS_EXPORT", "greet"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (invoker != null) {
            invoker.close();
        }
    }

    @Test
    void theFunctionUrlInvokesTheExportedFunction() throws Exception {
        HttpResponse<String> response = invoker.postJson("/", "{\"name\":\"Ada\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"Hello Ada!\"}");
    }

    @Test
    void everyPathInvokesTheExportedFunction() throws Exception {
        assertThat(invoker.postJson("/any/path", "{\"name\":\"Bo\"}").body()).isEqualTo("{\"message\":\"Hello Bo!\"}");
        assertThat(invoker.send(invoker.request("/?name=Cy").GET().build()).body())
                .isEqualTo("{\"message\":\"Hello Cy!\"}");
        // another function's name is just a path now
        assertThat(invoker.postJson("/fail", "{\"name\":\"Di\"}").body()).isEqualTo("{\"message\":\"Hello Di!\"}");
    }

    @Test
    void browserProbesAre404WithoutInvokingTheFunction() throws Exception {
        greetAndAwaitItsLogLine();
        int before = greetings();
        for (String path : List.of("/robots.txt", "/favicon.ico")) {
            HttpResponse<String> response = invoker.send(invoker.request(path).GET().build());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("ETag")).isEmpty();
        }
        greetAndAwaitItsLogLine();
        assertThat(greetings()).as("greetings logged since: only the second marker's").isEqualTo(before + 1);
    }

    /**
     * Its log line proves the output up to here has been read.
     */
    private static void greetAndAwaitItsLogLine() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        assertThat(invoker.postJson("/", "{\"name\":\"Ed\"}", "Function-Execution-Id", marker).statusCode()).isEqualTo(200);
        invoker.awaitLine(ofRequest(marker));
    }

    private static int greetings() {
        int count = 0;
        for (JsonNode line : invoker.lines()) {
            if (line.path("message").asText().equals("Greeting a caller")) {
                count++;
            }
        }
        return count;
    }
}
