package io.quarkiverse.functions.redis.runtime;

/**
 * A store call that Redis did not answer in time, or answered with an error. Its message names the operation and the
 * key, never a value or a credential; the invoker treats it as a transient failure, so the delivery is retried.
 */
public class RedisStoreException extends RuntimeException {

    /**
     * @param message the operation, the key and the reason, on one line
     * @param cause the client's failure, for the logs
     */
    public RedisStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
