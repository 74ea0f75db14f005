package io.quarkiverse.functions.runtime.internal.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Kind;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.IdempotencyStore;
import io.quarkiverse.functions.runtime.internal.Errors;
import io.quarkiverse.functions.runtime.internal.FunctionInvoker;
import io.quarkiverse.functions.runtime.internal.HttpDispatcher;
import io.quarkiverse.functions.runtime.internal.HttpReply;
import io.quarkiverse.functions.runtime.internal.HttpRequest;
import io.quarkiverse.functions.runtime.internal.IdempotencyRecords;
import io.quarkiverse.functions.runtime.internal.RandomIds;
import io.quarkiverse.functions.runtime.internal.TraceIds;
import io.quarkiverse.functions.runtime.jobs.Job;
import io.quarkiverse.functions.runtime.jobs.JobQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The async bridge of the HTTP binding. {@code POST /<function>} with {@code Prefer: respond-async} (RFC 7240), or to a
 * function configured {@code async-only}, is checked as an invocation would be (bad input is answered at once), then
 * enqueued: {@code 202} with the {@code Location} of the job, or {@code 503} with {@code Retry-After} when the queue is
 * full. {@code GET /<function>/jobs/<id>} answers the job's state, its result once it succeeded. With an
 * {@code Idempotency-Key}, a repeated request is answered with the first one's job.
 */
@Singleton
public class AsyncJobs {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");
    private static final String JOBS = "/jobs/";
    private static final Duration POLL = Duration.ofMillis(25);
    private static final long MAX_WAIT_SECONDS = 60;

    private final FunctionInvoker invoker;
    private final IdempotencyStore store;
    private final JobQueue queue;
    private final FunctionsRuntimeConfig.JobsConfig config;
    private final Set<String> asyncOnly;
    private final JobWorker worker;

    AsyncJobs(FunctionInvoker invoker, IdempotencyStore store, JobQueue queue, FunctionsRuntimeConfig config) {
        this.invoker = invoker;
        this.store = store;
        this.queue = queue;
        this.config = config.jobs();
        HashSet<String> only = new HashSet<>();
        for (Map.Entry<String, FunctionsRuntimeConfig.FunctionConfig> function : config.function().entrySet()) {
            if (function.getValue().asyncOnly()) {
                only.add(function.getKey());
            }
        }
        this.asyncOnly = Set.copyOf(only);
        this.worker = new JobWorker(invoker, store, this.config);
    }

    void start(@Observes StartupEvent started) {
        if (config.concurrency() > 0) {
            queue.start(worker::run, config.concurrency());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        queue.stop();
    }

    /**
     * @param rootPath the HTTP root path, ending with {@code /}: the base of the {@code Location}s
     * @return the reply, or {@code null} when the request is not for the bridge
     */
    public Uni<HttpReply> handle(HttpRequest request, String rootPath) {
        String path = request.path();
        int jobs = path.indexOf(JOBS);
        if (jobs > 0 && "GET".equals(request.method())) {
            String function = path.substring(0, jobs);
            String id = path.substring(jobs + JOBS.length());
            return invoker.catalog().get(function) == null || id.isEmpty() || id.indexOf('/') >= 0 ? null
                    : state(request, function, id);
        }
        if (!"POST".equals(request.method()) || path.isEmpty() || path.indexOf('/') >= 0
                || invoker.catalog().get(path) == null) {
            return null;
        }
        boolean preferred = respondAsync(request.header("prefer"));
        return preferred || asyncOnly.contains(path) ? accept(request, path, rootPath, preferred) : null;
    }

    private Uni<HttpReply> accept(HttpRequest request, String function, String rootPath, boolean preferred) {
        String requestId = HttpDispatcher.requestId(request.header("x-request-id"));
        FunctionInput input = FunctionInput.payload(request.body(), request.header("content-type"));
        FunctionError rejected = invoker.check(function, input);
        if (rejected != null) {
            return Uni.createFrom().item(HttpDispatcher.problem(requestId, rejected));
        }
        String key = HttpDispatcher.idempotencyKey(request.header("idempotency-key"));
        byte[] body = request.body() == null ? new byte[0] : request.body();
        Job job = new Job(RandomIds.next(), function, body, request.header("content-type"), key,
                TraceIds.fromHeaders(request::header), System.currentTimeMillis());
        String location = rootPath + function + JOBS + job.id();
        Uni<String> claimed = key == null ? Uni.createFrom().nullItem()
                : store.putIfAbsent("jobkey:" + function + ":" + key, job.id() + " " + fingerprint(body), config.retention());
        return claimed.onItem().transformToUni(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(repeated(requestId, function, rootPath, existing, fingerprint(body)));
            }
            String pending = JobStates.pending(job);
            return store.put(JobStates.key(function, job.id()), pending, config.retention())
                    .onItem().transformToUni(ignored -> queue.offer(job))
                    .onItem().transformToUni(accepted -> accepted
                            ? Uni.createFrom().item(accepted(requestId, pending, location, preferred))
                            : full(requestId, job, key, pending));
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Accepting a job of function '%s' failed: %s", function, Errors.printable(failure.getMessage()));
            return HttpDispatcher.problem(requestId, new FunctionError(Kind.TRANSIENT, 503, "job-queue-unavailable",
                    Errors.title(503), "The job queue or its store cannot be reached; retry later.", Duration.ofSeconds(1),
                    List.of()));
        });
    }

    private static HttpReply accepted(String requestId, String pending, String location, boolean preferred) {
        Map<String, String> headers = headers(requestId);
        headers.put("Location", location);
        headers.put("Retry-After", "1");
        if (preferred) {
            headers.put("Preference-Applied", "respond-async");
        }
        headers.put("Content-Type", "application/json");
        return new HttpReply(202, headers, pending.getBytes(StandardCharsets.UTF_8));
    }

    private Uni<HttpReply> full(String requestId, Job job, String key, String pending) {
        // nothing stays behind: the state and the key's claim go, so that a retry starts afresh
        Uni<Boolean> released = key == null ? Uni.createFrom().item(Boolean.TRUE)
                : store.remove("jobkey:" + job.function() + ":" + key, job.id() + " " + fingerprint(job.input()));
        long seconds = Math.max(1, config.backoff().toSeconds());
        return released.onItem().transformToUni(ignored -> store.remove(JobStates.key(job.function(), job.id()), pending))
                .onItem().transform(ignored -> HttpDispatcher.problem(requestId,
                        new FunctionError(Kind.TRANSIENT, 503, "job-queue-full", Errors.title(503),
                                "The job queue is full; retry later.", Duration.ofSeconds(seconds), List.of())));
    }

    private static HttpReply repeated(String requestId, String function, String rootPath, String existing,
            String fingerprint) {
        int space = existing.indexOf(' ');
        if (space < 0 || !existing.substring(space + 1).equals(fingerprint)) {
            return HttpDispatcher.problem(requestId, FunctionError.client(422, Errors.IDEMPOTENCY_KEY_REUSED,
                    Errors.title(422), "This idempotency key was used with another input. Send a new key for a new "
                            + "request."));
        }
        Map<String, String> headers = headers(requestId);
        headers.put("Location", rootPath + function + JOBS + existing.substring(0, space));
        headers.put("Retry-After", "1");
        headers.put(HttpDispatcher.IDEMPOTENT_REPLAYED, "true");
        return new HttpReply(202, headers, null);
    }

    private Uni<HttpReply> state(HttpRequest request, String function, String id) {
        String requestId = HttpDispatcher.requestId(request.header("x-request-id"));
        long wait = waitSeconds(request.header("prefer"));
        String key = JobStates.key(function, id);
        Uni<String> read = wait <= 0 ? store.get(key) : awaitFinal(key, System.nanoTime() + wait * 1_000_000_000L);
        return read.onItemOrFailure().transform((state, failure) -> {
            if (failure != null) {
                return HttpDispatcher.problem(requestId, new FunctionError(Kind.TRANSIENT, 503,
                        Errors.IDEMPOTENCY_STORE_UNAVAILABLE, Errors.title(503),
                        "The job store cannot be reached; retry later.", Duration.ofSeconds(1), List.of()));
            }
            String status = JobStates.status(state);
            if (status == null) {
                return HttpDispatcher.problem(requestId, FunctionError.client(404, "job-not-found", Errors.title(404),
                        "No job '" + Errors.printable(id) + "' of function '" + function + "' is known; job states "
                                + "are kept for " + config.retention().toMinutes() + " min."));
            }
            Map<String, String> headers = headers(requestId);
            headers.put("Content-Type", "application/json");
            if (!JobStates.isFinal(status)) {
                headers.put("Retry-After", "1");
            }
            return new HttpReply(200, headers, state.getBytes(StandardCharsets.UTF_8));
        });
    }

    /**
     * Reads the state until it is final or the time is up: the {@code wait} preference of RFC 7240, so that a client
     * needs no polling loop of its own. The store is read every 25 ms, as the job may run on another instance.
     */
    private Uni<String> awaitFinal(String key, long until) {
        return store.get(key).onItem().transformToUni(state -> {
            if (state == null || JobStates.isFinal(JobStates.status(state)) || System.nanoTime() - until >= 0) {
                return Uni.createFrom().item(state);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).onItem()
                    .transformToUni(ignored -> awaitFinal(key, until));
        });
    }

    /**
     * @return the {@code wait} preference of a {@code Prefer} header (RFC 7240) in seconds, at most 60; 0 without one
     */
    static long waitSeconds(String prefer) {
        if (prefer == null) {
            return 0;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.trim().toLowerCase(Locale.ROOT);
            if (token.startsWith("wait=")) {
                try {
                    return Math.min(MAX_WAIT_SECONDS, Math.max(0, Long.parseLong(token.substring(5).trim())));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * @return whether a {@code Prefer} header (RFC 7240) holds the {@code respond-async} preference
     */
    static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.trim();
            int end = token.indexOf(';');
            if ((end < 0 ? token : token.substring(0, end)).trim().toLowerCase(Locale.ROOT).equals("respond-async")) {
                return true;
            }
        }
        return false;
    }

    private static String fingerprint(byte[] body) {
        return FunctionInput.payload(body, null).isEmpty() ? "-"
                : IdempotencyRecords.fingerprint(FunctionInput.payload(body, null));
    }

    private static Map<String, String> headers(String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpDispatcher.REQUEST_ID, requestId);
        return headers;
    }
}
