package io.quarkiverse.functions.bench.floor;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * The bare-JVM floor over HTTP: POST /greet on {@code com.sun.net.httpserver}, port from {@code PORT}.
 */
public final class FloorHttp {

    private FloorHttp() {
    }

    public static void main(String[] args) throws Exception {
        // Separate header and body writes otherwise meet Nagle and delayed ACKs: 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/greet", exchange -> {
            try (exchange) {
                byte[] input;
                try (InputStream in = exchange.getRequestBody()) {
                    input = in.readAllBytes();
                }
                byte[] reply = Greet.greet(input);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        });
        server.start();
    }
}
