/*
 * Java signal handling (jdk.internal.misc.Signal, hence SIGTERM shutdown hooks): a C signal handler counts each
 * signal and posts a semaphore; the image's dispatcher thread waits on the semaphore and asks which signal is pending.
 * The handler runs on whatever thread the signal interrupts, so it only does async-signal-safe work.
 */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>

#include "svm_cinterface.h"

static volatile int opened;
static volatile long pending[NSIG];
static sem_t semaphore;

static void count_signal(int signal) {
    int saved = errno;
    if (signal > 0 && signal < NSIG) {
        __atomic_fetch_add(&pending[signal], 1, __ATOMIC_SEQ_CST);
        sem_post(&semaphore);
    }
    errno = saved;
}

int cSunMiscSignal_open(void) {
    int expected = 0;
    if (!__atomic_compare_exchange_n(&opened, &expected, 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        errno = EBUSY; /* one isolate at a time owns the process's signals */
        return -1;
    }
    for (int i = 0; i < NSIG; i++) {
        pending[i] = 0;
    }
    if (sem_init(&semaphore, 0, 0) != 0) {
        opened = 0;
        return -1;
    }
    return 0;
}

int cSunMiscSignal_close(void) {
    if (opened) {
        if (sem_destroy(&semaphore) != 0) {
            return -1;
        }
        opened = 0;
    }
    return 0;
}

int cSunMiscSignal_awaitSemaphore(void) {
    if (!opened) {
        errno = EINVAL;
        return -1;
    }
    while (sem_wait(&semaphore) != 0) {
        if (errno != EINTR) {
            return -1;
        }
    }
    return 0;
}

int cSunMiscSignal_signalSemaphore(void) {
    if (!opened) {
        errno = EINVAL;
        return -1;
    }
    return sem_post(&semaphore);
}

int cSunMiscSignal_signalRangeCheck(int signal) {
    return signal > 0 && signal < NSIG;
}

/* One pending signal, its count decremented; -1 when none is pending. */
int cSunMiscSignal_checkPendingSignal(void) {
    for (int signal = 1; signal < NSIG; signal++) {
        long count = __atomic_load_n(&pending[signal], __ATOMIC_SEQ_CST);
        while (count > 0) {
            if (__atomic_compare_exchange_n(&pending[signal], &count, count - 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                return signal;
            }
        }
    }
    return -1;
}

void *cSunMiscSignal_signalHandlerFunctionPointer(void) {
    return (void *) count_signal;
}
