package io.quarkiverse.functions.kafka.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkiverse.functions.runtime.jobs.Job;

class JobCodecTest {

    private final JobCodec codec = new JobCodec();

    @Test
    void roundTripKeepsEveryField() {
        byte[] input = new byte[] { 0, 1, (byte) 0xff, '{', '"' };
        Job job = new Job("j1", "greet", input, "application/octet-stream", "key-1", "4bf92f3577b34da6a3ce929d0e0e4736",
                1_700_000_000_123L);

        Job back = codec.decode(codec.encode(job));

        assertThat(back.id()).isEqualTo("j1");
        assertThat(back.function()).isEqualTo("greet");
        assertThat(back.input()).containsExactly(input);
        assertThat(back.mediaType()).isEqualTo("application/octet-stream");
        assertThat(back.idempotencyKey()).isEqualTo("key-1");
        assertThat(back.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(back.acceptedAt()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void nullsAreLeftOutAndReadBackAsNull() {
        Job job = new Job("j2", "f", new byte[0], null, null, null, 5);

        byte[] encoded = codec.encode(job);

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo("{\"v\":1,\"id\":\"j2\",\"function\":\"f\",\"input\":\"\",\"acceptedAt\":5}");
        Job back = codec.decode(encoded);
        assertThat(back.input()).isEmpty();
        assertThat(back.mediaType()).isNull();
        assertThat(back.idempotencyKey()).isNull();
        assertThat(back.traceId()).isNull();
    }

    @Test
    void unknownFieldsAreSkippedAndLaterVersionsRefused() {
        byte[] later = "{\"v\":1,\"id\":\"a\",\"x\":{\"y\":[1,2]},\"function\":\"f\",\"acceptedAt\":1}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decode(later).function()).isEqualTo("f");

        assertThatThrownBy(() -> codec.decode("{\"v\":2,\"id\":\"a\",\"function\":\"f\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
