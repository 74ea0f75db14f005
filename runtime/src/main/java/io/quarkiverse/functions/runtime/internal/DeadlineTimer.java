package io.quarkiverse.functions.runtime.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a blocking call's deadline on the thread that makes the call: one daemon watchdog thread interrupts the
 * caller when the deadline passes. This replaces a hand-off to a worker thread per invocation (two thread switches
 * and a Mutiny timeout chain on the warm path).
 * <p>
 * Hand-written rather than a {@code ScheduledExecutorService}, whose queue wakes its thread on every task that becomes
 * its head, that is on every call of a function served one call at a time (Lambda): a thread switch per invocation.
 * The watchdog here sleeps until the earliest deadline it knows of, and a new watch wakes it only when it is earlier
 * still; a call that returns in time only leaves the set of active watches. A watch never leaves its interrupt behind
 * once the call has returned.
 */
final class DeadlineTimer {

    private static final long SCANNING = Long.MIN_VALUE;

    private DeadlineTimer() {
    }

    /** Started on the first watch: an application whose functions are all {@code Uni} never starts the thread. */
    private static final class Holder {
        static final Set<Watch> ACTIVE = ConcurrentHashMap.newKeySet();
        /** The deadline ({@link System#nanoTime()}) the watchdog sleeps until; {@link #SCANNING} while it scans. */
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
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                boolean any = false;
                for (Watch watch : ACTIVE) {
                    if (watch.deadlineNanos - now <= 0) {
                        ACTIVE.remove(watch);
                        watch.run();
                    } else if (!any || watch.deadlineNanos - next < 0) {
                        next = watch.deadlineNanos;
                        any = true;
                    }
                }
                // a deadline of Long.MAX_VALUE would read as SCANNING's opposite: park without one instead
                sleepingUntil = any ? next : Long.MAX_VALUE;
                if (any) {
                    LockSupport.parkNanos(next - now);
                } else {
                    LockSupport.park();
                }
            }
        }

        static void add(Watch watch) {
            ACTIVE.add(watch);
            long until = sleepingUntil;
            if (until == SCANNING || until == Long.MAX_VALUE || watch.deadlineNanos - until < 0) {
                LockSupport.unpark(WATCHDOG);
            }
        }
    }

    /**
     * Starts watching the calling thread: it is interrupted {@code nanos} from now unless {@link Watch#stop()} comes
     * first. {@code onDeadline}, when not {@code null}, runs on the watchdog thread right after the interrupt.
     */
    static Watch watch(long nanos, Runnable onDeadline) {
        Watch watch = new Watch(Thread.currentThread(), System.nanoTime() + nanos, onDeadline);
        Holder.add(watch);
        return watch;
    }

    /** @return the watches waiting for their deadline (for tests: stopped watches must not linger) */
    static int queued() {
        return Holder.ACTIVE.size();
    }

    static final class Watch implements Runnable {

        private static final int RUNNING = 0;
        private static final int STOPPED = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;

        private static final AtomicIntegerFieldUpdater<Watch> STATE = AtomicIntegerFieldUpdater.newUpdater(Watch.class,
                "state");

        private final Thread thread;
        private final long deadlineNanos;
        private final Runnable onDeadline;
        private volatile int state = RUNNING;

        private Watch(Thread thread, long deadlineNanos, Runnable onDeadline) {
            this.thread = thread;
            this.deadlineNanos = deadlineNanos;
            this.onDeadline = onDeadline;
        }

        @Override
        public void run() {
            if (STATE.compareAndSet(this, RUNNING, FIRING)) {
                thread.interrupt();
                state = FIRED;
                if (onDeadline != null) {
                    onDeadline.run();
                }
            }
        }

        /** @return whether the deadline's answer is sent by the watchdog ({@code onDeadline}), not by the caller */
        boolean answersItself() {
            return onDeadline != null;
        }

        /**
         * Called by the watched thread when its call returns.
         *
         * @return whether the deadline passed first; the watchdog's interrupt is then cleared, so that it does not
         *         reach the caller's next blocking operation
         */
        boolean stop() {
            if (STATE.compareAndSet(this, RUNNING, STOPPED)) {
                Holder.ACTIVE.remove(this);
                return false;
            }
            while (state != FIRED) {
                // the watchdog is between its compare-and-set and the interrupt: a few instructions
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return true;
        }
    }
}
