package io.quarkiverse.functions.runtime.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.FunctionError.Violation;
import io.quarkiverse.functions.runtime.FunctionInput;
import io.quarkiverse.functions.runtime.FunctionsRuntimeConfig;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The one invoker every binding calls. It owns what is the same on every platform: the context and its deadline, the
 * log fields, input decoding and validation, the call itself, and the classification of errors into an
 * {@link Outcome}. Bindings only translate envelopes.
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

    /**
     * @param currentContext a client proxy: resolves to the holder of the active request context
     */
    FunctionInvoker(FunctionCatalog catalog, CurrentFunctionContext currentContext, FunctionsRuntimeConfig config) {
        this.catalog = catalog;
        this.currentContext = currentContext;
        this.defaultTimeout = config.timeout();
        this.safetyMargin = config.deadlineSafetyMargin();
        this.maxInputSize = config.maxInputSize().asLongValue();
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
     * Invokes a function. Never fails: every failure becomes a classified {@link Outcome}.
     */
    public Uni<Outcome> invoke(Invocation invocation) {
        FunctionDefinition definition = catalog.get(invocation.functionName());
        if (definition == null) {
            return Uni.createFrom().item(Outcome.failure(invocation.requestId(), null,
                    Errors.functionNotFound(invocation.functionName())));
        }
        Instant now = Instant.now();
        Instant deadline = now.plus(timeouts.getOrDefault(definition.name, defaultTimeout));
        Instant platformDeadline = invocation.platformDeadline();
        if (platformDeadline != null && platformDeadline.minus(safetyMargin).isBefore(deadline)) {
            deadline = platformDeadline.minus(safetyMargin);
        }
        FunctionContextImpl context = new FunctionContextImpl(invocation.requestId(), definition.name, invocation.platform(),
                deadline, cold.compareAndSet(true, false), invocation.traceId(), invocation.attempt(), invocation.rawEvent(),
                invocation.logContext());
        Duration budget = Duration.between(now, deadline);
        if (budget.isNegative() || budget.isZero()) {
            return Uni.createFrom().item(deadlineExceeded(context, Duration.ZERO));
        }
        Uni<Outcome> call = definition.async ? callAsync(definition, context, invocation.input())
                : callBlocking(definition, context, invocation.input());
        return call.ifNoItem().after(budget).recoverWithItem(() -> deadlineExceeded(context, budget));
    }

    private Uni<Outcome> callBlocking(FunctionDefinition definition, FunctionContextImpl context, FunctionInput input) {
        // Quarkus's worker pool, set by quarkus-mutiny or, without it, by MutinyRecorder; the deadline timer runs there too.
        Executor workers = Infrastructure.getDefaultWorkerPool();
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean finished = new AtomicBoolean();
            FutureTask<Void> task = new FutureTask<>(() -> {
                Outcome outcome = runBlocking(definition, context, input);
                finished.set(true);
                emitter.complete(outcome);
                return null;
            });
            // On the deadline Mutiny cancels this Uni: interrupt the call, so that blocking I/O stops too.
            emitter.onTermination(() -> {
                if (!finished.get()) {
                    task.cancel(true);
                }
            });
            workers.execute(task);
        });
    }

    private Outcome runBlocking(FunctionDefinition definition, FunctionContextImpl context, FunctionInput input) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        Mdc.put(context);
        try {
            Object result = call(definition, context, input);
            return success(definition, context, result);
        } catch (Throwable t) {
            return failure(context, t);
        } finally {
            try {
                requestContext.terminate();
            } finally {
                Mdc.clear(context);
            }
        }
    }

    private Uni<Outcome> callAsync(FunctionDefinition definition, FunctionContextImpl context, FunctionInput input) {
        return Uni.createFrom().deferred(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            ContextState state = requestContext.getState();
            Mdc.put(context);
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
                requestContext.deactivate();
                Mdc.clear(context);
            }
        });
    }

    private Object call(FunctionDefinition definition, FunctionContextImpl context, FunctionInput input) throws Exception {
        Object[] args = new Object[definition.parameterCount];
        if (definition.inputIndex >= 0) {
            Object value = decode(definition, input);
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

    private static Object decode(FunctionDefinition definition, FunctionInput input) {
        if (input.isEmpty()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        Object value;
        try {
            byte[] json = input.jsonBytes();
            if (json != null) {
                value = definition.reader.readValue(json);
            } else {
                value = (input.isQuery() ? definition.queryReader : definition.reader).readValue(input.jsonTree());
            }
        } catch (StreamReadException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MALFORMED_JSON, Errors.title(400),
                    "The input is not valid JSON" + location(e) + "."));
        } catch (DatabindException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    describeMismatch(e)));
        } catch (IOException e) {
            throw new InputRejectedException(FunctionError.client(400, Errors.INVALID_INPUT, Errors.title(400),
                    "The input could not be read."));
        }
        if (value == null || value instanceof JsonNode node && node.isNull()) {
            throw new InputRejectedException(FunctionError.client(400, Errors.MISSING_INPUT, Errors.title(400),
                    "Function '" + definition.name + "' needs an input and the request has none."));
        }
        return value;
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /**
     * Names the offending field by its JSON path; Jackson's own message names Java classes, which must not leak.
     */
    static String describeMismatch(DatabindException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    if (path.length() > 0) {
                        path.append('.');
                    }
                    path.append(Errors.printable(reference.getFieldName()));
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        if (path.length() == 0) {
            return "The input does not have the shape the function expects.";
        }
        return "Field '" + path + "' has a value of the wrong type or format.";
    }

    private Outcome success(FunctionDefinition definition, FunctionContextImpl context, Object result) {
        if (result == null || definition.writer == null) {
            return Outcome.success(context.requestId(), definition.name, null);
        }
        try {
            return Outcome.success(context.requestId(), definition.name, definition.writer.writeValueAsBytes(result));
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
