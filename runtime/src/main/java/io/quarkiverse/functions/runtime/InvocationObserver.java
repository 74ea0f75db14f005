package io.quarkiverse.functions.runtime;

/**
 * Observes invocations: telemetry (spans, metrics) and the start-up report implement it as CDI beans, and the core
 * invoker calls every active one. The invoker resolves the list once, at start-up; with none active (the default) an
 * invocation pays one array-length check.
 * <p>
 * Calls never throw into the invocation: an implementation handles its own failures.
 */
public interface InvocationObserver {

    /**
     * @return whether to observe invocations at all; an inactive observer is left out of the list at start-up
     */
    default boolean isActive() {
        return true;
    }

    /**
     * An invocation starts, on the thread that received it, before its input is decoded.
     *
     * @param invocation what the binding decoded
     * @param coldStart whether it is the process's first invocation
     * @return what follows this invocation, or {@code null} to ignore it
     */
    Observation start(Invocation invocation, boolean coldStart);

    /**
     * A binding has handled a batch of records (SQS, Kinesis, DynamoDB streams, a Kafka or MQ batch).
     *
     * @param invocation the last record's invocation (its function, platform and trigger)
     * @param records how many records the batch had
     * @param failed how many were reported failed
     */
    default void batchDone(Invocation invocation, int records, int failed) {
    }

    /**
     * A binding is about to post a reply after which the platform may freeze the process (Lambda): export what is
     * buffered.
     */
    default void flush() {
    }

    /**
     * One observed invocation.
     */
    interface Observation {

        /**
         * @return the trace id of the invocation (its span's), which its log lines and {@code FunctionContext} carry,
         *         or {@code null} to keep the one the binding read
         */
        String traceId();

        /**
         * Makes the observation current on this thread while the function runs, so that what it calls joins the
         * trace.
         *
         * @return what undoes it, on the same thread
         */
        Scope activate();

        /**
         * The invocation ended, on the thread that produced its outcome.
         */
        void end(Outcome outcome);
    }

    /**
     * Undoes {@link Observation#activate()}.
     */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
