package io.quarkiverse.functions.runtime.internal;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import io.quarkiverse.functions.runtime.Invocation;
import io.quarkiverse.functions.runtime.InvocationObserver;
import io.quarkiverse.functions.runtime.InvocationObserver.Observation;
import io.quarkiverse.functions.runtime.InvocationObserver.Scope;
import io.quarkiverse.functions.runtime.Outcome;

/**
 * The active {@link InvocationObserver}s, resolved once, and the observation of one invocation by all of them. An
 * observer that throws is logged and ignored: telemetry never fails an invocation.
 */
final class Observations {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");
    private static final InvocationObserver[] NONE = new InvocationObserver[0];

    private Observations() {
    }

    static InvocationObserver[] active(Iterable<InvocationObserver> observers) {
        List<InvocationObserver> active = new ArrayList<>();
        for (InvocationObserver observer : observers) {
            if (observer.isActive()) {
                active.add(observer);
            }
        }
        return active.isEmpty() ? NONE : active.toArray(NONE);
    }

    /**
     * @return the observation of the invocation, or {@code null} when no observer follows it
     */
    static Observation start(InvocationObserver[] observers, Invocation invocation, boolean coldStart) {
        Observation single = null;
        List<Observation> several = null;
        for (InvocationObserver observer : observers) {
            Observation observation;
            try {
                observation = observer.start(invocation, coldStart);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Observer %s failed to start an observation", observer.getClass().getName());
                continue;
            }
            if (observation == null) {
                continue;
            }
            if (single == null) {
                single = observation;
            } else {
                if (several == null) {
                    several = new ArrayList<>();
                    several.add(single);
                }
                several.add(observation);
            }
        }
        return several == null ? single : new Composite(several.toArray(new Observation[0]));
    }

    static Scope activate(Observation observation) {
        try {
            return observation.activate();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Activating an observation failed");
            return null;
        }
    }

    static void end(Observation observation, Outcome outcome) {
        try {
            observation.end(outcome);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Ending an observation failed");
        }
    }

    static void flush(InvocationObserver[] observers) {
        for (InvocationObserver observer : observers) {
            try {
                observer.flush();
            } catch (RuntimeException e) {
                LOG.debugf(e, "Observer %s failed to flush", observer.getClass().getName());
            }
        }
    }

    static void batchDone(InvocationObserver[] observers, Invocation invocation, int records, int failed) {
        for (InvocationObserver observer : observers) {
            try {
                observer.batchDone(invocation, records, failed);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Observer %s failed to record a batch", observer.getClass().getName());
            }
        }
    }

    /** Several observers following one invocation: the first trace id given is the invocation's. */
    private static final class Composite implements Observation {
        private final Observation[] observations;

        Composite(Observation[] observations) {
            this.observations = observations;
        }

        @Override
        public String traceId() {
            for (Observation observation : observations) {
                String traceId = observation.traceId();
                if (traceId != null) {
                    return traceId;
                }
            }
            return null;
        }

        @Override
        public Scope activate() {
            Scope[] scopes = new Scope[observations.length];
            for (int i = 0; i < observations.length; i++) {
                scopes[i] = Observations.activate(observations[i]);
            }
            return () -> {
                for (int i = scopes.length - 1; i >= 0; i--) {
                    if (scopes[i] != null) {
                        scopes[i].close();
                    }
                }
            };
        }

        @Override
        public void end(Outcome outcome) {
            for (Observation observation : observations) {
                Observations.end(observation, outcome);
            }
        }
    }
}
