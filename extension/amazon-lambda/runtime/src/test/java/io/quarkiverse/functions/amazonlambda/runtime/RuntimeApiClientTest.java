package io.quarkiverse.functions.amazonlambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Runtime API client against a real HTTP/1.1 server (the JDK's): the headers Lambda documents, fixed-length and
 * chunked bodies, one connection kept alive across invocations, a fresh one when the server closed it.
 */
class RuntimeApiClientTest {

    HttpServer server;
    final List<String> posted = new CopyOnWriteArrayList<>();
    final AtomicInteger nexts = new AtomicInteger();

    void start(boolean chunked, boolean closeEachTime) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2018-06-01/runtime/", exchange -> handle(exchange, chunked, closeEachTime));
        server.start();
    }

    private void handle(HttpExchange exchange, boolean chunked, boolean closeEachTime) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                int n = nexts.incrementAndGet();
                byte[] body = ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(n * 10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("lambda-runtime-aws-request-id", "req-" + n);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", "1700000000000");
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-west-1:1:function:f");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-abc");
                if (closeEachTime) {
                    exchange.getResponseHeaders().add("Connection", "close");
                }
                exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                byte[] body = exchange.getRequestBody().readAllBytes();
                posted.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders()
                        .getFirst("Lambda-Runtime-Function-Error-Type") + " " + new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(202, -1);
            }
        }
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eventsAndRepliesOverOneConnection() throws Exception {
        start(false, false);
        try (RuntimeApiClient client = new RuntimeApiClient(address())) {
            for (int i = 1; i <= 3; i++) {
                RuntimeApiClient.Event event = client.next();
                assertThat(event.requestId).isEqualTo("req-" + i);
                assertThat(event.deadlineMillis).isEqualTo(1_700_000_000_000L);
                assertThat(event.functionArn).isEqualTo("arn:aws:lambda:eu-west-1:1:function:f");
                assertThat(event.traceId).isEqualTo("Root=1-abc");
                assertThat(new String(event.body, 0, event.length, StandardCharsets.UTF_8)).startsWith("{\"n\":" + i + ",").hasSize(i * 10_000 + 16);
                byte[] reply = ("done " + i).getBytes(StandardCharsets.UTF_8);
                assertThat(client.post("invocation/req-" + i + "/response", null, reply, 0, reply.length)).isEqualTo(202);
            }
            byte[] error = "{\"errorType\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            client.post("invocation/req-4/error", "Function.ClientError", error, 0, error.length);
        }
        assertThat(posted).containsExactly("/2018-06-01/runtime/invocation/req-1/response null done 1",
                "/2018-06-01/runtime/invocation/req-2/response null done 2",
                "/2018-06-01/runtime/invocation/req-3/response null done 3",
                "/2018-06-01/runtime/invocation/req-4/error Function.ClientError {\"errorType\":\"x\"}");
    }

    @Test
    void chunkedBodiesAndClosedConnections() throws Exception {
        start(true, true);
        try (RuntimeApiClient client = new RuntimeApiClient(address())) {
            for (int i = 1; i <= 2; i++) {
                RuntimeApiClient.Event event = client.next();
                assertThat(event.requestId).isEqualTo("req-" + i);
                assertThat(new String(event.body, 0, event.length, StandardCharsets.UTF_8)).endsWith("\"}").hasSize(i * 10_000 + 16);
            }
        }
    }

    @Test
    void aRuntimeApiThatIsGoneIsAnError() throws Exception {
        start(false, false);
        String address = address();
        server.stop(0);
        server = null;
        try (RuntimeApiClient client = new RuntimeApiClient(address)) {
            assertThatThrownBy(client::next).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> new RuntimeApiClient("no-port")).hasMessageContaining("host:port");
    }
}
