package io.quarkiverse.functions.runtime.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random UUIDs (version 4) for request and reply-event ids. {@link UUID#randomUUID()} draws from a shared
 * {@code SecureRandom}, a cost paid on every request; these ids identify, they protect nothing, so a thread-local
 * generator (seeded per thread, never shared) is enough.
 */
public final class RandomIds {

    private RandomIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & ~(0xC000L << 48) | 0x8000L << 48; // IETF variant
        return new UUID(high, low).toString();
    }
}
