package io.quarkiverse.functions.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DeadlineTimerTest {

    @Test
    void stoppedWatchLeavesTheTimerQueue() {
        for (int i = 0; i < 10_000; i++) {
            DeadlineTimer.Watch watch = DeadlineTimer.watch(TimeUnit.SECONDS.toNanos(60));
            assertThat(watch.stop()).isFalse();
        }
        assertThat(DeadlineTimer.queued()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void watchInterruptsTheThreadAtItsDeadlineAndStopClearsIt() {
        DeadlineTimer.Watch watch = DeadlineTimer.watch(TimeUnit.MILLISECONDS.toNanos(20));
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true;
            Thread.currentThread().interrupt(); // as well-behaved code does
        }
        assertThat(interrupted).isTrue();
        assertThat(watch.stop()).isTrue();
        assertThat(watch.stop()).as("a second stop neither blocks nor changes the answer").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void workerWatchAnswersAtTheDeadlineAndInterruptsTheAttachedWorker() throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(1);
        DeadlineTimer.Watch watch = DeadlineTimer.watchWorker(TimeUnit.MILLISECONDS.toNanos(20), answered::countDown);
        assertThat(watch.attach()).isTrue();
        boolean interrupted = false;
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        assertThat(interrupted).isTrue();
        assertThat(answered.await(10, TimeUnit.SECONDS)).as("onDeadline ran").isTrue();
        assertThat(watch.stop()).isTrue();
        assertThat(watch.answersItself()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void workerThatStartsAfterTheDeadlineDoesNotMakeTheCall() throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(1);
        DeadlineTimer.Watch watch = DeadlineTimer.watchWorker(TimeUnit.MILLISECONDS.toNanos(1), answered::countDown);
        // a worker that was busy elsewhere until after the deadline
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(watch.attach()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("nobody interrupted this late worker").isFalse();
    }

    @Test
    void anEarlierDeadlineWakesAWatchdogThatSleepsForALaterOne() throws Exception {
        CountDownLatch watching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            DeadlineTimer.Watch late = DeadlineTimer.watch(TimeUnit.SECONDS.toNanos(60));
            watching.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            late.stop();
        });
        other.start();
        try {
            watching.await();
            DeadlineTimer.Watch early = DeadlineTimer.watch(TimeUnit.MILLISECONDS.toNanos(20));
            boolean interrupted = false;
            try {
                // far beyond the 20 ms: only a watchdog still asleep for the 60 s deadline lets this time out
                assertThat(new CountDownLatch(1).await(30, TimeUnit.SECONDS)).isFalse();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(interrupted).isTrue();
            assertThat(early.stop()).isTrue();
        } finally {
            release.countDown();
            other.join();
        }
        assertThat(DeadlineTimer.queued()).isZero();
    }
}
