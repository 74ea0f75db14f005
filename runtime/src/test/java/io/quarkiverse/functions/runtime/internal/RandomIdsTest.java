package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void idsAreVersion4UuidsOfTheIetfVariant() {
        for (int i = 0; i < 1_000; i++) {
            String id = RandomIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RandomIds.next())).isTrue();
        }
    }
}
