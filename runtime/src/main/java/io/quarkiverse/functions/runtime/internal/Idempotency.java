package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig.FunctionIdempotencyConfig;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.Trigger;
import io.smallrye.mutiny.Uni;

/**
 * Idempotent functions, the same on every binding: the first delivery of a key runs and its outcome (a success or a
 * client error) is recorded; a repeat with the same input is answered with it without running the function; the same
 * key with another input is {@code 422}; a repeat while the first runs is {@code 409} over HTTP and a transient error
 * for records, so that the queue redelivers later. Transient, deadline and internal failures are not recorded: a
 * retry runs again. The in-progress marker expires at the first delivery's deadline, so a crashed process never locks
 * a key. A store that fails makes the invocation fail as transient: never run unprotected.
 */
@Singleton
public class Idempotency {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");
    /** Longer keys are stored as their hash, so that a caller cannot make the store hold kilobytes per key. */
    private static final int MAX_KEY_LENGTH = 200;

    /** One function's settings, resolved at start-up. */
    record Settings(JsonPointer pointer, boolean keyRequired, Duration expiry) {
    }

    private final Map<String, Settings> functions;
    private final Instance<IdempotencyStore> stores;
    private volatile IdempotencyStore store;

    Idempotency(FunctionCatalog catalog, FunctionsRuntimeConfig config, Instance<IdempotencyStore> stores) {
        this.stores = stores;
        Map<String, Settings> settings = new HashMap<>();
        for (String name : catalog.names()) {
            FunctionDefinition definition = catalog.get(name);
            FunctionsRuntimeConfig.FunctionConfig own = config.function().get(name);
            FunctionIdempotencyConfig configured = own == null ? null : own.idempotency();
            boolean annotated = definition.idempotentKey != null;
            boolean enabled = configured != null && configured.enabled().isPresent() ? configured.enabled().get() : annotated;
            if (!enabled) {
                continue;
            }
            String key = configured != null && configured.key().isPresent() ? configured.key().get()
                    : annotated ? definition.idempotentKey : "";
            JsonPointer pointer;
            try {
                pointer = key.isBlank() ? null : JsonPointer.compile(key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The idempotency key of function '" + name + "' is '" + key
                        + "', which is not a JSON Pointer (RFC 6901). Write it as /field or /field/nested, in "
                        + "@Idempotent(key = …) or quarkus.functions.\"" + name + "\".idempotency.key.");
            }
            boolean required = configured != null && configured.keyRequired().isPresent() ? configured.keyRequired().get()
                    : definition.idempotentKeyRequired;
            Duration expiry = configured != null && configured.expiry().isPresent() ? configured.expiry().get()
                    : config.idempotency().expiry();
            settings.put(name, new Settings(pointer, required, expiry));
        }
        this.functions = Map.copyOf(settings);
    }

    /**
     * @return the function's settings, or {@code null} when it is not idempotent
     */
    Settings of(String function) {
        return functions.isEmpty() ? null : functions.get(function);
    }

    /**
     * @return whether any function is idempotent
     */
    public boolean isUsed() {
        return !functions.isEmpty();
    }

    /**
     * What a claim decided: an answer without running the function ({@link #answer}), or the right to run it, whose
     * outcome {@link #finish} records.
     */
    static final class Claim {
        private static final Claim UNPROTECTED = new Claim(null, null, null, null, null, null);

        final Outcome answer;
        private final IdempotencyStore store;
        private final String key;
        private final String marker;
        private final String fingerprint;
        private final Duration expiry;

        private Claim(Outcome answer, IdempotencyStore store, String key, String marker, String fingerprint,
                Duration expiry) {
            this.answer = answer;
            this.store = store;
            this.key = key;
            this.marker = marker;
            this.fingerprint = fingerprint;
            this.expiry = expiry;
        }

        static Claim answer(Outcome outcome) {
            return new Claim(outcome, null, null, null, null, null);
        }

        /**
         * Records the outcome of the run: a success or a client error is kept for repeats; any other failure releases
         * the key, so that a retry runs again.
         */
        Uni<Outcome> finish(Outcome outcome) {
            if (store == null) {
                return Uni.createFrom().item(outcome);
            }
            boolean keep = outcome.isSuccess() || outcome.error().kind() == Kind.CLIENT;
            Uni<Boolean> written = keep ? store.replace(key, marker, IdempotencyRecords.done(fingerprint, outcome), expiry)
                    : store.remove(key, marker);
            return written.onItemOrFailure().transform((done, failure) -> {
                if (failure != null) {
                    // the function ran: its outcome is answered; a later repeat may run it again, and the log says why
                    LOG.warnf("The idempotency store failed while recording an outcome of function '%s': %s",
                            outcome.functionName(), Errors.printable(failure.getMessage()));
                }
                return outcome;
            });
        }
    }

    /**
     * Claims the invocation's key, before the function runs. Never fails: a store failure is a transient answer.
     *
     * @param budget the time left to the invocation's deadline: how long the in-progress marker lives
     */
    Uni<Claim> claim(Settings settings, Invocation invocation, Duration budget) {
        String key = key(settings, invocation.input(), invocation.deliveryId());
        if (key == null) {
            return Uni.createFrom().item(settings.keyRequired() ? Claim.answer(failure(invocation, keyMissing(settings)))
                    : Claim.UNPROTECTED);
        }
        String storeKey = "idempotency:" + invocation.functionName() + ":"
                + (key.length() <= MAX_KEY_LENGTH ? key : "sha256:" + IdempotencyRecords.sha256(bytes(key)));
        String fingerprint = IdempotencyRecords.fingerprint(invocation.input());
        String marker = IdempotencyRecords.running(fingerprint, RandomIds.next(),
                System.currentTimeMillis() + budget.toMillis());
        IdempotencyStore target = store();
        return target.putIfAbsent(storeKey, marker, budget)
                .onItemOrFailure().transform((existing, failure) -> {
                    if (failure != null) {
                        LOG.warnf("The idempotency store failed while claiming a key of function '%s': %s",
                                invocation.functionName(), Errors.printable(failure.getMessage()));
                        return Claim.answer(failure(invocation, storeUnavailable()));
                    }
                    if (existing == null) {
                        return new Claim(null, target, storeKey, marker, fingerprint, settings.expiry());
                    }
                    return Claim.answer(repeat(invocation, existing, fingerprint));
                });
    }

    private static Outcome repeat(Invocation invocation, String existing, String fingerprint) {
        IdempotencyRecords.Entry entry;
        try {
            entry = IdempotencyRecords.read(existing, invocation.requestId(), invocation.functionName());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The idempotency store holds an unreadable value for a key of function '%s'",
                    invocation.functionName());
            return failure(invocation, storeUnavailable());
        }
        if (!entry.input().equals(fingerprint)) {
            return failure(invocation, FunctionError.client(422, Errors.IDEMPOTENCY_KEY_REUSED, Errors.title(422),
                    "This idempotency key was used with another input. Send a new key for a new request."));
        }
        if (entry.running()) {
            long left = Math.max(1, (entry.until() - System.currentTimeMillis() + 999) / 1000);
            if (invocation.trigger() == Trigger.HTTP) {
                return failure(invocation, new FunctionError(Kind.CLIENT, 409, Errors.IDEMPOTENCY_IN_PROGRESS,
                        Errors.title(409), "A request with this idempotency key is still running. Retry after it "
                                + "finishes, within " + left + " s.",
                        Duration.ofSeconds(left), List.of()));
            }
            return failure(invocation, new FunctionError(Kind.TRANSIENT, 503, Errors.IDEMPOTENCY_IN_PROGRESS,
                    Errors.title(503), "A delivery with this key is still running; redeliver later.",
                    Duration.ofSeconds(left), List.of()));
        }
        LOG.debugf("Function '%s': answered with the recorded outcome of an earlier delivery", invocation.functionName());
        return entry.outcome();
    }

    /**
     * @return the key, or {@code null} when the invocation has none
     */
    private static String key(Settings settings, FunctionInput input, String deliveryId) {
        if (settings.pointer() == null) {
            return deliveryId;
        }
        JsonNode tree = input.jsonTree();
        if (tree == null && input.bytes() != null) {
            try {
                tree = IdempotencyRecords.JSON.readTree(input.bytes());
            } catch (IOException e) {
                return null; // the function's own decoding answers malformed-json
            }
        }
        JsonNode value = tree == null ? null : tree.at(settings.pointer());
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        String key = value.isValueNode() ? value.asText() : value.toString();
        return key.isEmpty() ? null : key;
    }

    private static FunctionError keyMissing(Settings settings) {
        return FunctionError.client(400, Errors.IDEMPOTENCY_KEY_MISSING, Errors.title(400), settings.pointer() == null
                ? "This function needs an idempotency key: send the Idempotency-Key header."
                : "This function needs an idempotency key at " + settings.pointer() + " in the input.");
    }

    private static FunctionError storeUnavailable() {
        return new FunctionError(Kind.TRANSIENT, 503, Errors.IDEMPOTENCY_STORE_UNAVAILABLE, Errors.title(503),
                "The idempotency store cannot be reached; retry later.", Duration.ofSeconds(1), List.of());
    }

    private static Outcome failure(Invocation invocation, FunctionError error) {
        return Outcome.failure(invocation.requestId(), invocation.functionName(), error);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Resolved on first use, so that an application without idempotent functions never creates a store client. */
    private IdempotencyStore store() {
        IdempotencyStore resolved = store;
        if (resolved == null) {
            resolved = stores.get();
            store = resolved;
        }
        return resolved;
    }
}
