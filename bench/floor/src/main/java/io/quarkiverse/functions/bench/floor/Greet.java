package io.quarkiverse.functions.bench.floor;

import java.nio.charset.StandardCharsets;

/**
 * greet without a JSON library: {"name":"Ada"} to {"message":"Hello Ada!"}. Enough for the bench's fixed input.
 */
final class Greet {

    private Greet() {
    }

    static byte[] greet(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        int key = json.indexOf("\"name\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        String name = json.substring(start, json.indexOf('"', start));
        System.out.println("INFO Greeting a caller");
        return ("{\"message\":\"Hello " + name + "!\"}").getBytes(StandardCharsets.UTF_8);
    }
}
