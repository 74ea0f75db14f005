package io.quarkiverse.functions.googlecloudfunctions.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.Application;

/**
 * Starts the Quarkus application once per process, when the Functions Framework first instantiates an entry point.
 * <p>
 * The framework creates entry points by reflection, outside CDI, so the application is started from here, as
 * {@code quarkus-google-cloud-functions} does. The holder idiom makes the start happen once, on first use, and keeps
 * its result (the application, or why it failed) immutable afterwards.
 */
final class QuarkusStarter {

    private QuarkusStarter() {
    }

    /**
     * Starts the application if needed and returns one of its beans, created now so that a bad configuration fails
     * the instance's start-up rather than its first request.
     *
     * @throws IllegalStateException when the application failed to start; the Functions Framework then stops
     */
    static <T> T bean(Class<T> type) {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException("Quarkus Functions could not start: " + Holder.FAILURE.getMessage()
                    + " (see the log above for the cause).", Holder.FAILURE);
        }
        ArcContainer container = Arc.container();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The framework creates event entry points with its own class loader as the context class loader.
        thread.setContextClassLoader(QuarkusStarter.class.getClassLoader());
        try {
            return container.instance(type).get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final class Holder {

        static final Throwable FAILURE = start();

        private static Throwable start() {
            if (Application.currentApplication() != null) {
                // Already started: a test that runs the application itself.
                return null;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // The framework loads the function in its own class loader: Quarkus must resolve classes there.
            thread.setContextClassLoader(QuarkusStarter.class.getClassLoader());
            try {
                Application application = (Application) Class.forName("io.quarkus.runner.ApplicationImpl", true,
                        QuarkusStarter.class.getClassLoader()).getConstructor().newInstance();
                application.start(new String[0]);
                Runtime.getRuntime().addShutdownHook(new Thread(application::stop, "quarkus-functions-shutdown"));
                return null;
            } catch (Throwable t) {
                t.printStackTrace();
                return t;
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }
}
