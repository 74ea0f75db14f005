package io.quarkiverse.functions.redis.runtime;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkus.arc.Arc;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The {@link IdempotencyStore} on Redis, shared by every instance of the application: the in-memory default only
 * protects one instance. Being a plain bean of the SPI type, it replaces the core's {@code @DefaultBean}.
 * <p>
 * Set-if-absent, compare-and-set and compare-and-delete are Lua scripts: Redis runs a script atomically, so no other
 * client's command lands between the read and the write (a {@code GET} then a {@code SET} from here would race). The
 * scripts need only {@code EVAL}, {@code GET}, {@code SET ... PX} and {@code DEL}, and each touches only the key it is
 * given as {@code KEYS[1]}, as Redis Cluster requires of scripts (not tested on a cluster).
 * <p>
 * Every call fails after {@code quarkus.functions.redis.command-timeout}, with a {@link RedisStoreException} that
 * names the operation and the key: a Redis that is down or stalled never leaves an invocation waiting.
 */
@ApplicationScoped
public class RedisIdempotencyStore implements IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(RedisIdempotencyStore.class);

    /** Returns the current value, or stores ARGV[1] for ARGV[2] ms and returns nil. */
    static final String PUT_IF_ABSENT = """
            local current = redis.call('GET', KEYS[1])
            if current then return current end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false""";

    /** Sets ARGV[2] for ARGV[3] ms if the value is ARGV[1]; 1 when replaced, else 0. */
    static final String REPLACE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";

    /** Deletes the key if its value is ARGV[1]; 1 when deleted, else 0. */
    static final String REMOVE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    /** The user information of a URI ({@code redis://user:secret@host}), kept out of messages. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final Duration timeout;

    RedisIdempotencyStore(FunctionsRedisBuildTimeConfig client, FunctionsRedisRuntimeConfig config) {
        String name = client.clientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME);
        // Looked up rather than injected: the client's name is configuration, not a qualifier known to the code.
        this.redis = RedisConfig.isDefaultClient(name)
                ? Arc.container().select(ReactiveRedisDataSource.class, Default.Literal.INSTANCE).get()
                : Arc.container().select(ReactiveRedisDataSource.class, RedisClientName.Literal.of(name)).get();
        this.prefix = config.keyPrefix();
        this.timeout = config.commandTimeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("quarkus.functions.redis.command-timeout must be positive, it is " + timeout);
        }
        LOG.debugf("Idempotency store: Redis client '%s', key prefix '%s', timeout %s", name, prefix, timeout);
    }

    @Override
    public Uni<String> putIfAbsent(String key, String value, Duration ttl) {
        String px = millis(ttl);
        Objects.requireNonNull(value, "value");
        return call("putIfAbsent", key, k -> redis.execute("EVAL", PUT_IF_ABSENT, "1", k, value, px))
                .map(RedisIdempotencyStore::string);
    }

    @Override
    public Uni<Boolean> replace(String key, String expected, String value, Duration ttl) {
        String px = millis(ttl);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(value, "value");
        return call("replace", key, k -> redis.execute("EVAL", REPLACE, "1", k, expected, value, px))
                .map(RedisIdempotencyStore::done);
    }

    @Override
    public Uni<Boolean> remove(String key, String expected) {
        Objects.requireNonNull(expected, "expected");
        return call("remove", key, k -> redis.execute("EVAL", REMOVE, "1", k, expected))
                .map(RedisIdempotencyStore::done);
    }

    @Override
    public Uni<String> get(String key) {
        return call("get", key, k -> redis.execute("GET", k)).map(RedisIdempotencyStore::string);
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl) {
        String px = millis(ttl);
        Objects.requireNonNull(value, "value");
        return call("put", key, k -> redis.execute("SET", k, value, "PX", px)).replaceWithVoid();
    }

    /**
     * One command on the prefixed key, bounded by the timeout; a failure names the operation and the key.
     */
    private Uni<Response> call(String operation, String key, Function<String, Uni<Response>> command) {
        String fullKey = prefix + Objects.requireNonNull(key, "key");
        return Uni.createFrom().deferred(() -> command.apply(fullKey))
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> failure(operation, fullKey, failure));
    }

    private RedisStoreException failure(String operation, String key, Throwable failure) {
        String cause = failure instanceof TimeoutException
                ? "no answer within " + timeout.toMillis() + " ms"
                : describe(failure);
        String message = "Redis idempotency store: " + operation + " of key '" + key + "' failed: " + cause;
        LOG.debug(message, failure);
        return new RedisStoreException(message, failure);
    }

    /** The first line of the first message in the failure's chain, without credentials: no stack trace. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                return USER_INFO.matcher(message.strip().lines().findFirst().orElse("")).replaceAll("//***@");
            }
        }
        return failure instanceof ClosedChannelException ? "connection closed" : failure.getClass().getSimpleName();
    }

    /**
     * The TTL as {@code PX} takes it. Invalid arguments throw at once: they are the caller's bug, not a store failure
     * to retry.
     */
    private static String millis(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The time to live must be positive, it is " + ttl);
        }
        // A positive TTL below one millisecond stays positive
        return Long.toString(Math.max(1, ttl.toMillis()));
    }

    private static String string(Response response) {
        return response == null ? null : response.toString();
    }

    private static Boolean done(Response response) {
        return response != null && response.toLong() == 1L;
    }
}
