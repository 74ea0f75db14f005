/* Small process and thread helpers the image calls directly. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "svm_cinterface.h"

extern char **environ;

char **getEnviron(void) {
    return environ;
}

int getThreadId(void) {
    return (int) syscall(SYS_gettid);
}

/* User CPU time of a thread in nanoseconds, from field 14 (utime, in clock ticks) of /proc/self/task/<tid>/stat. */
int64_t getThreadUserTimeSlow(int tid) {
    char path[64];
    char buffer[2048];
    snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return -1;
    }
    size_t length = fread(buffer, 1, sizeof(buffer) - 1, file);
    fclose(file);
    buffer[length] = '\0';
    /* The command name (field 2) may contain spaces and parentheses: fields after it start after the last ')'. */
    char *p = strrchr(buffer, ')');
    if (p == NULL) {
        return -1;
    }
    long long utime = 0;
    /* After ')': state (3), ppid … cmajflt (4–12), utime (14). */
    if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld", &utime) != 1) {
        return -1;
    }
    long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? (int64_t) utime * (1000000000LL / ticks) : -1;
}

void *mremapP(void *old_address, size_t old_size, size_t new_size, int flags, void *new_address) {
    return mremap(old_address, old_size, new_size, flags, new_address);
}

void codeSynchronization_clearCache(int64_t start, int64_t end) {
    __builtin___clear_cache((char *) (intptr_t) start, (char *) (intptr_t) end);
}
