package io.quarkiverse.functions.it;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.funqy.Funq;

/**
 * Payloads that are not JSON: a {@code String} input takes the payload as text, a {@code byte[]} one as bytes, on
 * every binding (an HTTP body, a queue message, a Kinesis record, a Pub/Sub message, a CloudEvent's data).
 */
@ApplicationScoped
public class TextFunctions {

    /** Every text {@code shout} received, in order: what the tests look at after a batch, whose replies are empty. */
    private final List<String> heard = new CopyOnWriteArrayList<>();

    // tag::text[]
    /** Text in, text out: answered as {@code text/plain; charset=UTF-8}. */
    @Funq
    public String shout(String text) {
        heard.add(text);
        return text.toUpperCase(Locale.ROOT) + "!";
    }

    /** Bytes in, bytes out: answered as {@code application/octet-stream}. */
    @Funq
    public byte[] reverse(byte[] data) {
        byte[] reversed = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            reversed[i] = data[data.length - 1 - i];
        }
        return reversed;
    }
    // end::text[]

    public List<String> heard() {
        return heard;
    }
}
