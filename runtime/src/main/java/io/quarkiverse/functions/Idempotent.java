package io.quarkiverse.functions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a function idempotent: a delivery repeated with the same key returns the first delivery's recorded outcome
 * without running the function again. The key is the platform's delivery identity (the HTTP {@code Idempotency-Key}
 * header, an SQS {@code messageId}, a Kinesis or DynamoDB {@code eventID}, a CloudEvent's {@code source} and
 * {@code id}, a Pub/Sub {@code messageId}), or the value at {@link #key()} in the input. Settings
 * {@code quarkus.functions."<name>".idempotency.*} override these attributes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

    /**
     * A JSON Pointer (RFC 6901) into the input whose value is the key, for example {@code /orderId}; empty (the
     * default) for the platform's delivery identity.
     */
    String key() default "";

    /**
     * Whether an invocation without a key is rejected ({@code 400 idempotency-key-missing}) rather than run
     * unprotected.
     */
    boolean keyRequired() default false;
}
