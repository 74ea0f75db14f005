package io.quarkiverse.functions.runtime;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Where idempotency records and the states of async jobs are kept: string values under string keys, each with an
 * expiry, with an atomic set-if-absent and compare-and-set. The in-memory store is the default bean; a CDI bean of this
 * type (quarkus-functions-redis provides one) replaces it.
 * <p>
 * A store that cannot answer fails the {@code Uni}: the invoker then answers a transient error, so the platform or the
 * caller retries, and never runs the function unprotected.
 */
public interface IdempotencyStore {

    /**
     * Stores {@code value} under {@code key} unless the key holds a value, atomically.
     *
     * @param ttl how long the value is kept
     * @return {@code null} when stored; otherwise the value the key holds
     */
    Uni<String> putIfAbsent(String key, String value, Duration ttl);

    /**
     * Replaces the value of {@code key} if it is {@code expected}, atomically.
     *
     * @return whether it was replaced
     */
    Uni<Boolean> replace(String key, String expected, String value, Duration ttl);

    /**
     * Removes {@code key} if its value is {@code expected}, atomically.
     *
     * @return whether it was removed
     */
    Uni<Boolean> remove(String key, String expected);

    /**
     * @return the value of {@code key}, or {@code null}
     */
    Uni<String> get(String key);

    /**
     * Stores {@code value} under {@code key}, whatever it held.
     */
    Uni<Void> put(String key, String value, Duration ttl);
}
