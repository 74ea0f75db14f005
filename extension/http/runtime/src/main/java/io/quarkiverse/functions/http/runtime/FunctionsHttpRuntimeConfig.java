package io.quarkiverse.functions.http.runtime;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time configuration of the HTTP binding: how much it takes on at once, and how long it waits for a client.
 */
@ConfigMapping(prefix = "quarkus.functions.http")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface FunctionsHttpRuntimeConfig {

    /**
     * Most function requests in flight at once, from their headers to their answer. A request past this bound is
     * answered {@code 503} with {@code Retry-After} at once, with the code {@code overloaded}.
     */
    @WithDefault("256")
    int maxInFlightInvocations();

    /**
     * Most request-body bytes held at once by the requests in flight. A request counts its {@code Content-Length}, and
     * a chunked request counts {@code quarkus.functions.max-input-size}, from its headers to its answer. A request that
     * would pass this bound is answered {@code 503} with {@code Retry-After} at once, with the code {@code overloaded};
     * a request alone is always taken. Default: an eighth of the maximum heap, since a body is held about three times
     * over while it is decoded (the bytes read, their copy, the decoded value).
     */
    Optional<MemorySize> maxInFlightInput();

    /**
     * Longest time a client may take to send a request's line and headers (however slowly it trickles them), to send
     * its body, or to leave a kept-alive connection unused: the connection is then closed. It is the HTTP server's idle
     * timeout, unless {@code quarkus.http.idle-timeout} is set. When a function's deadline ({@code quarkus.functions.timeout}
     * or its own {@code timeout}) is longer, that deadline plus one second applies instead, so that no invocation is cut
     * before its deadline answer.
     */
    @WithDefault("60s")
    Duration clientTimeout();
}
