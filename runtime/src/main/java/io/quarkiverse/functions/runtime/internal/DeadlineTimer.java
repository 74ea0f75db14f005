package io.quarkiverse.functions.runtime.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.jboss.logging.Logger;

/**
 * Enforces the deadlines of blocking calls: one daemon watchdog thread interrupts a call's thread when its deadline
 * passes. On Lambda and Google Cloud Functions this replaces a hand-off to a worker thread per invocation (two thread
 * switches and a Mutiny timeout chain on the warm path).
 * <p>
 * Hand-written rather than a {@code ScheduledExecutorService}, whose queue wakes its thread on every task that becomes
 * its head, that is on every call of a function served one call at a time (Lambda): a thread switch per invocation.
 * The watchdog sleeps until the earliest deadline it knows of, and a new watch wakes it only when it is earlier still;
 * a call that returns in time only leaves the set of active watches. A watch never leaves its interrupt behind once the
 * call has returned.
 */
final class DeadlineTimer {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.functions");
    private static final long SCANNING = Long.MIN_VALUE;
    private static final long IDLE = Long.MAX_VALUE;

    private DeadlineTimer() {
    }

    /**
     * Started on the first watch: an application whose functions are all {@code Uni} never starts the thread. Initialised
     * at run time in a native image (see {@code FunctionsProcessor}).
     */
    private static final class Holder {
        static final Set<Watch> ACTIVE = ConcurrentHashMap.newKeySet();
        /** Counts watches added; the watchdog parks only if none was added since its scan began. */
        static final AtomicLong ADDED = new AtomicLong();
        /** The deadline ({@link System#nanoTime()}) the watchdog sleeps until, {@link #IDLE}, or {@link #SCANNING}. */
        static volatile long sleepingUntil = SCANNING;
        static final Thread WATCHDOG = start();

        private static Thread start() {
            Thread thread = new Thread(Holder::watch, "functions-deadline");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private static void watch() {
            while (true) {
                sleepingUntil = SCANNING;
                long added = ADDED.get();
                long now = System.nanoTime();
                long next = 0;
                boolean any = false;
                for (Watch watch : ACTIVE) {
                    if (watch.deadlineNanos - now <= 0) {
                        ACTIVE.remove(watch);
                        watch.fire();
                    } else if (!any || watch.deadlineNanos - next < 0) {
                        next = watch.deadlineNanos;
                        any = true;
                    }
                }
                sleepingUntil = any ? next : IDLE;
                if (ADDED.get() != added) {
                    continue; // a watch came during the scan, which the scan may not have seen
                }
                if (any) {
                    LockSupport.parkNanos(next - now);
                } else {
                    LockSupport.park();
                }
            }
        }

        static void add(Watch watch) {
            ACTIVE.add(watch);
            ADDED.incrementAndGet();
            long until = sleepingUntil;
            if (until == SCANNING || until == IDLE || watch.deadlineNanos - until < 0) {
                LockSupport.unpark(WATCHDOG);
            }
        }
    }

    /**
     * Starts watching the calling thread: it is interrupted {@code nanos} from now unless {@link Watch#stop()} comes
     * first.
     */
    static Watch watch(long nanos) {
        Watch watch = new Watch(Thread.currentThread(), System.nanoTime() + nanos, null);
        Holder.add(watch);
        return watch;
    }

    /**
     * Starts the clock of a call that a worker thread will make ({@link Watch#attach()}): {@code onDeadline} runs on
     * the watchdog thread at the deadline, after the interrupt of the worker if it has started.
     */
    static Watch watchWorker(long nanos, Runnable onDeadline) {
        Watch watch = new Watch(null, System.nanoTime() + nanos, onDeadline);
        Holder.add(watch);
        return watch;
    }

    /** @return the watches waiting for their deadline (for tests: stopped watches must not linger) */
    static int queued() {
        return Holder.ACTIVE.size();
    }

    static final class Watch {

        private static final int RUNNING = 0;
        private static final int STOPPED = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;
        private static final AtomicIntegerFieldUpdater<Watch> STATE = AtomicIntegerFieldUpdater.newUpdater(Watch.class,
                "state");

        private final long deadlineNanos;
        private final Runnable onDeadline;
        private volatile Thread thread;
        private volatile int state = RUNNING;
        /** Whether {@link #fire()} interrupted {@link #thread}; published by the write of {@code FIRED}. */
        private boolean interrupted;

        private Watch(Thread thread, long deadlineNanos, Runnable onDeadline) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
            this.onDeadline = onDeadline;
        }

        private void fire() {
            if (!STATE.compareAndSet(this, RUNNING, FIRING)) {
                return;
            }
            Thread target = thread;
            if (target != null) {
                target.interrupt();
                interrupted = true;
            }
            state = FIRED;
            if (onDeadline != null) {
                try {
                    onDeadline.run();
                } catch (Throwable t) {
                    LOG.errorf("Answering a call past its deadline failed: %s", t.toString());
                }
            }
        }

        /**
         * Called by the worker thread that makes the call, before it: from then on the deadline interrupts it.
         *
         * @return whether to make the call: {@code false} when the deadline passed while it waited for the worker
         */
        boolean attach() {
            thread = Thread.currentThread();
            if (state == RUNNING) {
                return true;
            }
            awaitFired();
            return false;
        }

        /** @return whether the deadline's answer is sent by the watchdog ({@code onDeadline}), not by the caller */
        boolean answersItself() {
            return onDeadline != null;
        }

        /**
         * Called by the watched thread when its call returns; calling it again is harmless.
         *
         * @return whether the deadline passed first; the watchdog's interrupt is then cleared, so that it does not
         *         reach what the thread does next
         */
        boolean stop() {
            if (STATE.compareAndSet(this, RUNNING, STOPPED)) {
                Holder.ACTIVE.remove(this);
                return false;
            }
            if (state == STOPPED) {
                return false;
            }
            awaitFired();
            return true;
        }

        private void awaitFired() {
            while (state != FIRED) {
                // the watchdog is between its compare-and-set and the interrupt: a few instructions
                Thread.onSpinWait();
            }
            if (interrupted) {
                Thread.interrupted();
            }
        }
    }
}
