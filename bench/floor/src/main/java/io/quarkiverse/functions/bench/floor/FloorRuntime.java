package io.quarkiverse.functions.bench.floor;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * The bare-JVM floor on Lambda: a custom-runtime poll loop over {@link HttpURLConnection}, no framework, no runtime
 * interface client. {@code java -cp floor.jar io.quarkiverse.functions.bench.floor.FloorRuntime}
 */
public final class FloorRuntime {

    private FloorRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
        URL next = new URL(api + "next");
        while (true) {
            HttpURLConnection poll = (HttpURLConnection) next.openConnection();
            String requestId = poll.getHeaderField("Lambda-Runtime-Aws-Request-Id");
            byte[] event;
            try (InputStream in = poll.getInputStream()) {
                event = in.readAllBytes();
            }
            byte[] reply = Greet.greet(event);
            HttpURLConnection post = (HttpURLConnection) new URL(api + requestId + "/response").openConnection();
            post.setRequestMethod("POST");
            post.setDoOutput(true);
            try (OutputStream out = post.getOutputStream()) {
                out.write(reply);
            }
            post.getResponseCode();
            post.getInputStream().close();
        }
    }
}
