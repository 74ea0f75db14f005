package io.quarkiverse.functions.runtime.dev.ui;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkiverse.functions.runtime.FunctionError;
import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.Outcome;
import io.quarkiverse.functions.runtime.internal.Mdc;

/**
 * Dev mode only: remembers the last invocations (their outcome) and the last log lines that carry a request id, so
 * that the event console shows, for the event it sent, what the function did and logged. Bounded: the oldest entries
 * go first.
 * <p>
 * An {@link InvocationObserver} rather than a wrapper around the bindings, so that it sees every invocation the way
 * telemetry does (each record of a batch, each retry of the async bridge) without any binding knowing about it.
 */
@Singleton
public class DevInvocations implements InvocationObserver {

    static final int MAX_INVOCATIONS = 200;
    static final int MAX_LINES = 1000;

    /** One ended invocation. */
    public record Ended(String requestId, String function, String outcome, String code, long durationMillis,
            boolean replayed) {
    }

    /** One log line of an invocation. */
    public record Line(String requestId, String time, String level, String logger, String message) {
    }

    private final Deque<Ended> invocations = new ArrayDeque<>();
    private final Deque<Line> lines = new ArrayDeque<>();
    private final Handler handler = new Capture();

    DevInvocations() {
        Logger.getLogger("").addHandler(handler);
    }

    @PreDestroy
    void close() {
        Logger.getLogger("").removeHandler(handler);
    }

    @Override
    public Observation start(Invocation invocation, boolean coldStart) {
        long started = System.nanoTime();
        return new Observation() {
            @Override
            public String traceId() {
                return null;
            }

            @Override
            public Scope activate() {
                return () -> {
                };
            }

            @Override
            public void end(Outcome outcome) {
                FunctionError error = outcome.error();
                Ended ended = new Ended(invocation.requestId(), invocation.functionName(),
                        outcome.isSuccess() ? "success" : error.kind().name().toLowerCase(Locale.ROOT),
                        error == null ? null : error.code(), (System.nanoTime() - started) / 1_000_000,
                        outcome.isReplayed());
                synchronized (invocations) {
                    if (invocations.size() == MAX_INVOCATIONS) {
                        invocations.removeFirst();
                    }
                    invocations.addLast(ended);
                }
            }
        };
    }

    /**
     * @param requestId the request id a platform reply named
     * @return the invocations of that request: itself, or the records of a batch ({@code <id>/<record id>})
     */
    public List<Ended> invocations(String requestId) {
        List<Ended> found = new ArrayList<>();
        synchronized (invocations) {
            for (Ended ended : invocations) {
                if (belongs(ended.requestId(), requestId)) {
                    found.add(ended);
                }
            }
        }
        return found;
    }

    /**
     * @return the log lines of that request, as {@link #invocations(String)} matches them
     */
    public List<Line> lines(String requestId) {
        List<Line> found = new ArrayList<>();
        synchronized (lines) {
            for (Line line : lines) {
                if (belongs(line.requestId(), requestId)) {
                    found.add(line);
                }
            }
        }
        return found;
    }

    static boolean belongs(String candidate, String requestId) {
        return candidate != null && requestId != null
                && (candidate.equals(requestId) || candidate.startsWith(requestId + "/"));
    }

    private final class Capture extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (!(record instanceof ExtLogRecord ext)) {
                return;
            }
            String requestId = ext.getMdc(Mdc.REQUEST_ID);
            if (requestId == null) {
                return;
            }
            Line line = new Line(requestId, Instant.ofEpochMilli(record.getMillis()).toString(),
                    record.getLevel().getName(), record.getLoggerName(), ext.getFormattedMessage());
            synchronized (lines) {
                if (lines.size() == MAX_LINES) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
