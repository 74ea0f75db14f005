package io.quarkiverse.functions.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Violation;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.InvocationObserver.Observation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.PayloadType;
import io.quarkus.arc.All;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The one invoker every binding calls. It owns what is the same on every platform: the context and its deadline, the
 * log fields, input decoding and validation, the call itself, and the classification of errors into an
 * {@link Outcome}. Bindings only translate envelopes.
 * <p>
 * Longer than the house's ~300 lines on purpose: its three ways of calling (on the caller's thread, on a worker, a
 * {@code Uni}) share the deadline, context and classification code, which a split would scatter; input decoding lives
 * in {@link InputDecoder} and the deadline watchdog in {@link DeadlineTimer}.
 */
@Singleton
public class FunctionInvoker {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");

    private final FunctionCatalog catalog;
    private final CurrentFunctionContext currentContext;
    private final Duration defaultTimeout;
    private final Duration safetyMargin;
    private final long maxInputSize;
    private final Map<String, Duration> timeouts;
    private final AtomicBoolean cold = new AtomicBoolean(true);
    private final String export;
    private final boolean callerThread;
    /** Resolved once: empty unless telemetry or the start-up report is on. */
    private final InvocationObserver[] observers;
    private final Idempotency idempotency;

    /**
     * @param currentContext a client proxy: resolves to the holder of the active request context
     */
    FunctionInvoker(FunctionCatalog catalog, CurrentFunctionContext currentContext, FunctionsRuntimeConfig config,
            @All List<InvocationObserver> observers, Idempotency idempotency) {
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.observers = Observations.active(observers);
        this.currentContext = currentContext;
        this.defaultTimeout = config.timeout();
        this.safetyMargin = config.deadlineSafetyMargin();
        this.maxInputSize = config.maxInputSize().asLongValue();
        this.callerThread = config.blockingThread() == FunctionsRuntimeConfig.BlockingThread.CALLER;
        Map<String, Duration> perFunction = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, FunctionsRuntimeConfig.FunctionConfig> entry : config.function().entrySet()) {
            if (catalog.get(entry.getKey()) == null) {
                unknown.add(entry.getKey());
            }
            entry.getValue().timeout().ifPresent(timeout -> perFunction.put(entry.getKey(), timeout));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("quarkus.functions.\"" + unknown.get(0) + "\".* configures a function that "
                    + "does not exist. Known functions: " + new TreeSet<>(catalog.names())
                    + ". Fix the name in the configuration or remove the setting.");
        }
        this.timeouts = Map.copyOf(perFunction);
        this.export = config.export().map(String::trim).filter(name -> !name.isEmpty()).orElse(null);
        if (export != null && catalog.get(export) == null) {
            throw new IllegalStateException("quarkus.functions.export (QUARKUS_FUNCTIONS_EXPORT) is '" + Errors.printable(export)
                    + "', which names no function. Available functions: " + new TreeSet<>(catalog.names())
                    + ". Set it to one of them.");
        }
    }

    /**
     * @return the exported function: {@code quarkus.functions.export}, or the only function of the application;
     *         {@code null} when there are several and none is exported
     */
    public String exportedFunction() {
        if (export != null) {
            return export;
        }
        return catalog.names().size() == 1 ? catalog.names().iterator().next() : null;
    }

    /**
     * @return whether {@code quarkus.functions.export} is set
     */
    public boolean isExportConfigured() {
        return export != null;
    }

    /**
     * @return the largest accepted input in bytes; bindings answer {@code 413} above it
     */
    public long maxInputSize() {
        return maxInputSize;
    }

    public FunctionCatalog catalog() {
        return catalog;
    }

    /**
     * @return the function's own timeout, or the default one
     */
    public Duration timeout(String function) {
        return timeouts.getOrDefault(function, defaultTimeout);
    }

    /**
     * For bindings that post a reply after which the platform may freeze the process (Lambda): the observers export
     * what they buffered.
     */
    public void flushObservers() {
        if (observers.length > 0) {
            Observations.flush(observers);
        }
    }

    /**
     * For bindings that split a batch: the observers count its records and failures.
     *
     * @param last the last record's invocation
     */
    public void batchDone(Invocation last, int records, int failed) {
        if (observers.length > 0 && last != null) {
            Observations.batchDone(observers, last, records, failed);
        }
    }

    /**
     * Invokes a function. Never fails: every failure becomes a classified {@link Outcome}. A blocking function runs on
     * the subscribing thread when that thread may block, on a worker thread otherwise (a Vert.x event loop).
     */
    public Uni<Outcome> invoke(Invocation invocation) {
        FunctionDefinition definition = catalog.get(invocation.functionName());
        if (definition == null) {
            return Uni.createFrom().item(notFound(invocation));
        }
        Call call = new Call(definition, invocation);
        if (call.budget == null) {
            return Uni.createFrom().item(call.end(deadlineExceeded(call.context, Duration.ZERO)));
        }
        Uni<Outcome> outcome;
        if (definition.async) {
            outcome = callAsync(call, invocation.input()).ifNoItem().after(call.budget)
                    .recoverWithItem(() -> deadlineExceeded(call.context, call.budget));
        } else {
            // decided on subscription: the subscribing thread is the one that would run the function
            outcome = Uni.createFrom().deferred(() -> callerThread && BlockingOperationControl.isBlockingAllowed()
                    ? Uni.createFrom().item(runHere(call, invocation.input()))
                    : callOnWorker(call, invocation.input()));
        }
        Idempotency.Settings idempotent = idempotency.of(definition.name);
        if (idempotent != null) {
            Uni<Outcome> run = outcome;
            outcome = idempotency.claim(idempotent, invocation, call.budget).onItem().transformToUni(
                    claim -> claim.answer != null ? Uni.createFrom().item(claim.answer) : run.onItem().transformToUni(claim::finish));
        }
        if (call.observation == null) {
            return outcome;
        }
        // a caller that stops waiting (a client gone) gets no outcome, but its span and metrics still end
        return outcome.onItem().invoke(call::end)
                .onCancellation().invoke(() -> call.end(Outcome.failure(invocation.requestId(), definition.name,
                        Errors.cancelled())));
    }

    /**
     * Invokes a function and waits for its outcome, for bindings whose thread may block (a Lambda handler, a Google
     * Cloud Functions request): a blocking function runs on this thread, with no hand-off and no reactive pipeline.
     * Never fails: every failure becomes a classified {@link Outcome}.
     */
    public Outcome invokeHere(Invocation invocation) {
        FunctionDefinition definition = catalog.get(invocation.functionName());
        if (definition == null) {
            return notFound(invocation);
        }
        if (definition.async) {
            return invoke(invocation).await().indefinitely();
        }
        Call call = new Call(definition, invocation);
        if (call.budget == null) {
            return call.end(deadlineExceeded(call.context, Duration.ZERO));
        }
        Idempotency.Settings idempotent = idempotency.of(definition.name);
        if (idempotent != null) {
            // this thread may block: it waits for the store as it would for the function, and runs the function itself
            Idempotency.Claim claim = idempotency.claim(idempotent, invocation, call.budget).await().indefinitely();
            if (claim.answer != null) {
                return call.end(claim.answer);
            }
            Outcome outcome = callerThread ? runHere(call, invocation.input())
                    : callOnWorker(call, invocation.input()).await().indefinitely();
            return call.end(claim.finish(outcome).await().indefinitely());
        }
        return call.end(callerThread ? runHere(call, invocation.input())
                : callOnWorker(call, invocation.input()).await().indefinitely());
    }

    /**
     * Checks an input as an invocation would, without invoking: for callers that accept now and invoke later (the
     * async bridge), so that bad input is answered at once.
     *
     * @return the client error the invocation would answer, or {@code null} when the input is acceptable
     */
    public FunctionError check(String functionName, FunctionInput input) {
        FunctionDefinition definition = catalog.get(functionName);
        if (definition == null) {
            return Errors.functionNotFound(functionName, catalog.names());
        }
        if (definition.inputIndex < 0) {
            return null;
        }
        try {
            Object value = InputDecoder.decode(definition, input);
            if (definition.validator != null) {
                List<Violation> violations = definition.validator.validate(value);
                if (!violations.isEmpty()) {
                    return Errors.validationFailed(violations);
                }
            }
            return null;
        } catch (InputRejectedException e) {
            return e.error;
        }
    }

    private Outcome notFound(Invocation invocation) {
        return Outcome.failure(invocation.requestId(), null,
                Errors.functionNotFound(invocation.functionName(), catalog.names()));
    }

    /**
     * One invocation's context, deadline and observation; {@code budget} is {@code null} when the deadline has already
     * passed, {@code observation} when no observer follows it.
     */
    private final class Call {
        final FunctionDefinition definition;
        final FunctionContextImpl context;
        final Duration budget;
        final long deadlineNanos;
        final Observation observation;

        Call(FunctionDefinition definition, Invocation invocation) {
            this.definition = definition;
            long startNanos = System.nanoTime();
            Instant now = Instant.now();
            Duration timeout = timeouts.isEmpty() ? defaultTimeout : timeouts.getOrDefault(definition.name, defaultTimeout);
            Instant deadline = now.plus(timeout);
            Instant platformDeadline = invocation.platformDeadline();
            if (platformDeadline != null && platformDeadline.minus(safetyMargin).isBefore(deadline)) {
                deadline = platformDeadline.minus(safetyMargin);
                timeout = Duration.between(now, deadline);
            }
            boolean coldStart = cold.get() && cold.compareAndSet(true, false);
            this.observation = observers.length == 0 ? null : Observations.start(observers, invocation, coldStart);
            String observed = observation == null ? null : observation.traceId();
            String traceId = observed != null ? observed : invocation.traceId();
            // the log lines' NDC names the same trace as their trace_id: the span's when there is one
            String logContext = traceId == null || invocation.logTracePrefix() == null ? null
                    : invocation.logTracePrefix() + traceId;
            this.context = new FunctionContextImpl(invocation.requestId(), definition.name, invocation.platform(), deadline,
                    coldStart, traceId, invocation.attempt(), invocation.rawEvent(), logContext);
            this.budget = timeout.isNegative() || timeout.isZero() ? null : timeout;
            this.deadlineNanos = budget == null ? startNanos : startNanos + budget.toNanos();
        }

        Outcome end(Outcome outcome) {
            if (observation != null) {
                Observations.end(observation, outcome);
            }
            return outcome;
        }
    }

    /**
     * Runs a blocking function on this thread. At the deadline a timer interrupts it, so that blocking I/O stops; the
     * outcome is then {@code deadline-exceeded} whatever the call returns.
     */
    private Outcome runHere(Call call, FunctionInput input) {
        DeadlineTimer.Watch watch = DeadlineTimer.watch(call.deadlineNanos - System.nanoTime());
        return runBlocking(call, input, watch);
    }

    /**
     * Runs a blocking function on a worker thread, for callers that must not block (a Vert.x event loop) or that asked
     * for it ({@code quarkus.functions.blocking-thread=worker}). The deadline counts from the invocation, queueing
     * included, and the answer is sent at the deadline even if the call ignores the interrupt; its result is then
     * discarded.
     */
    private Uni<Outcome> callOnWorker(Call call, FunctionInput input) {
        // Quarkus's worker pool, set by quarkus-mutiny or, without it, by MutinyRecorder
        Executor workers = Infrastructure.getDefaultWorkerPool();
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean answered = new AtomicBoolean();
            DeadlineTimer.Watch watch = DeadlineTimer.watchWorker(call.deadlineNanos - System.nanoTime(), () -> {
                if (answered.compareAndSet(false, true)) {
                    emitter.complete(deadlineExceeded(call.context, call.budget));
                }
            });
            workers.execute(() -> {
                if (!watch.attach()) {
                    return; // the deadline passed while the call waited for a worker, and was answered
                }
                try {
                    Outcome outcome = runBlocking(call, input, watch);
                    if (outcome != null && answered.compareAndSet(false, true)) {
                        emitter.complete(outcome);
                    }
                } catch (Throwable t) {
                    watch.stop();
                    if (answered.compareAndSet(false, true)) {
                        emitter.fail(t);
                    }
                }
            });
        });
    }

    /**
     * @return the outcome; {@code null} when the deadline passed and the watch has an answer of its own
     */
    private Outcome runBlocking(Call call, FunctionInput input, DeadlineTimer.Watch watch) {
        FunctionDefinition definition = call.definition;
        FunctionContextImpl context = call.context;
        ManagedContext requestContext = Arc.container().requestContext();
        // a caller with a request context of its own (an embedding application, a test) gets it back afterwards
        ContextState callers = requestContext.isActive() ? requestContext.getState() : null;
        requestContext.activate();
        Mdc.put(context);
        InvocationObserver.Scope scope = call.observation == null ? null : Observations.activate(call.observation);
        try {
            Object result;
            try {
                result = call(definition, context, input);
            } catch (Throwable t) {
                return watch.stop() ? late(call, watch) : failure(context, t);
            }
            return watch.stop() ? late(call, watch) : success(definition, context, result);
        } finally {
            if (scope != null) {
                scope.close();
            }
            try {
                requestContext.terminate();
                if (callers != null) {
                    requestContext.activate(callers);
                }
            } finally {
                Mdc.clear(context);
            }
        }
    }

    private Outcome late(Call call, DeadlineTimer.Watch watch) {
        return watch.answersItself() ? null : deadlineExceeded(call.context, call.budget);
    }

    private Uni<Outcome> callAsync(Call call, FunctionInput input) {
        FunctionDefinition definition = call.definition;
        FunctionContextImpl context = call.context;
        return Uni.createFrom().deferred(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            ContextState state = requestContext.getState();
            Mdc.put(context);
            InvocationObserver.Scope scope = call.observation == null ? null : Observations.activate(call.observation);
            try {
                Uni<?> result = (Uni<?>) call(definition, context, input);
                if (result == null) {
                    throw new IllegalStateException("Function '" + definition.name + "' returned a null Uni");
                }
                return result
                        .onItem().transform(item -> success(definition, context, item))
                        .onFailure().recoverWithItem(t -> failure(context, t))
                        .onTermination().invoke(() -> requestContext.destroy(state));
            } catch (Throwable t) {
                requestContext.destroy(state);
                return Uni.createFrom().item(failure(context, t));
            } finally {
                if (scope != null) {
                    scope.close();
                }
                requestContext.deactivate();
                Mdc.clear(context);
            }
        });
    }

    private Object call(FunctionDefinition definition, FunctionContextImpl context, FunctionInput input) throws Exception {
        Object[] args = new Object[definition.parameterCount];
        if (definition.inputIndex >= 0) {
            Object value = InputDecoder.decode(definition, input);
            if (definition.validator != null) {
                List<Violation> violations = definition.validator.validate(value);
                if (!violations.isEmpty()) {
                    throw new InputRejectedException(Errors.validationFailed(violations));
                }
            }
            args[definition.inputIndex] = value;
        }
        if (definition.contextIndex >= 0) {
            args[definition.contextIndex] = context;
        }
        currentContext.set(context);
        InstanceHandle<Object> bean = definition.beans.get();
        try {
            return definition.invoker.invoke(bean.get(), args);
        } finally {
            if (definition.dependentBean) {
                bean.destroy();
            }
        }
    }

    private Outcome success(FunctionDefinition definition, FunctionContextImpl context, Object result) {
        if (result == null || definition.writer == null) {
            return Outcome.success(context.requestId(), definition.name, null);
        }
        try {
            switch (definition.outputType) {
                case TEXT:
                    return Outcome.success(context.requestId(), definition.name,
                            ((String) result).getBytes(StandardCharsets.UTF_8), PayloadType.TEXT);
                case BYTES:
                    return Outcome.success(context.requestId(), definition.name, (byte[]) result, PayloadType.BYTES);
                default:
                    return Outcome.success(context.requestId(), definition.name, definition.writer.writeValueAsBytes(result));
            }
        } catch (JsonProcessingException e) {
            return failure(context, new IllegalStateException(
                    "Writing the result of function '" + definition.name + "' as JSON failed", e));
        }
    }

    private Outcome failure(FunctionContextImpl context, Throwable failure) {
        FunctionError error = Errors.classify(failure, context.requestId());
        log(context, error, failure);
        return Outcome.failure(context.requestId(), context.functionName(), error);
    }

    private Outcome deadlineExceeded(FunctionContextImpl context, Duration budget) {
        FunctionError error = Errors.deadlineExceeded(context.functionName(), budget);
        log(context, error, null);
        return Outcome.failure(context.requestId(), context.functionName(), error);
    }

    private static void log(FunctionContextImpl context, FunctionError error, Throwable failure) {
        // Outcomes may be reported on another thread than the call: set the fields for these lines too.
        Mdc.put(context);
        try {
            switch (error.kind()) {
                case CLIENT:
                    LOG.debugf("Function '%s' rejected the request: %s", context.functionName(), error.code());
                    break;
                case TRANSIENT:
                    LOG.warnf(Errors.unwrap(failure).getCause(), "Function '%s' reported a transient error: %s",
                            context.functionName(), error.detail());
                    break;
                case DEADLINE:
                    LOG.warnf("Deadline passed: %s", error.detail());
                    break;
                default:
                    LOG.errorf(failure, "Function '%s' failed", context.functionName());
            }
        } finally {
            Mdc.clear(context);
        }
    }


}
