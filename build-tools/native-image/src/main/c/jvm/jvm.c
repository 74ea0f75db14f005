/*
 * libjvm.so of the toolchain. The JDK's shared libraries (libjava.so, libnet.so …) import JVM_* functions from
 * HotSpot's libjvm.so, under the symbol version SUNWprivate_1.1; in a native image, this library answers them. Those
 * an image can reach are implemented here; the others are generated as stubs that stop the process with a message
 * naming the function (see jvm_unsupported.c, written at assembly). The image itself calls initialize(),
 * JVM_ActiveProcessorCount(), JVM_CurrentTimeMillis() and JVM_RegisterSignal() (svm_cinterface.h).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jni.h>

#include "svm_cinterface.h"

void initialize(void) {
}

int JVM_ActiveProcessorCount(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        return CPU_COUNT(&set);
    }
    return (int) sysconf(_SC_NPROCESSORS_ONLN);
}

int64_t JVM_CurrentTimeMillis(void *env, void *ignored) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

JNIEXPORT jlong JNICALL JVM_NanoTime(JNIEnv *env, jclass ignored) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (jlong) now.tv_sec * 1000000000LL + now.tv_nsec;
}

/* Nanoseconds since offset_secs, or -1 when the difference does not fit (the contract of jdk.internal.misc.VM). */
JNIEXPORT jlong JNICALL JVM_GetNanoTimeAdjustment(JNIEnv *env, jclass ignored, jlong offset_secs) {
    (void) env;
    (void) ignored;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    int64_t seconds = (int64_t) now.tv_sec - offset_secs;
    if (seconds >= 0x100000000LL || seconds <= -0x100000000LL) {
        return -1;
    }
    return seconds * 1000000000LL + now.tv_nsec;
}

void *JVM_RegisterSignal(int signal, void *handler) {
    struct sigaction action, old;
    memset(&action, 0, sizeof(action));
    action.sa_handler = (void (*)(int)) handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(signal, &action, &old) != 0) {
        return (void *) -1;
    }
    return (void *) old.sa_handler;
}

JNIEXPORT jint JNICALL JVM_FindSignal(const char *name) {
    static const struct { const char *name; int number; } signals[] = {
        {"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"TERM", SIGTERM}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
        {"ALRM", SIGALRM}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"PIPE", SIGPIPE}, {"WINCH", SIGWINCH},
    };
    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        if (strcmp(name, signals[i].name) == 0) {
            return signals[i].number;
        }
    }
    return -1;
}

JNIEXPORT jboolean JNICALL JVM_RaiseSignal(jint signal) {
    return raise(signal) == 0 ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT void *JNICALL JVM_FindLibraryEntry(void *handle, const char *name) {
    return dlsym(handle, name);
}

JNIEXPORT void *JNICALL JVM_LoadLibrary(const char *name, jboolean throw_exception) {
    (void) throw_exception;
    return dlopen(name, RTLD_LAZY);
}

JNIEXPORT void JNICALL JVM_UnloadLibrary(void *handle) {
    dlclose(handle);
}

/* libjimage loads the zip library through HotSpot; in an image it is a library like any other. */
JNIEXPORT void *JNICALL JVM_LoadZipLibrary(void) {
    return dlopen("libzip.so", RTLD_LAZY);
}

JNIEXPORT jboolean JNICALL JVM_IsSupportedJNIVersion(jint version) {
    return version == JNI_VERSION_1_1 || version == JNI_VERSION_1_2 || version == JNI_VERSION_1_4
            || version == JNI_VERSION_1_6 || version == JNI_VERSION_1_8 || version == JNI_VERSION_9
            || version == JNI_VERSION_10 || version == JNI_VERSION_19 || version == JNI_VERSION_20
            || version == JNI_VERSION_21 ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jstring JNICALL JVM_GetTemporaryDirectory(JNIEnv *env) {
    return (*env)->NewStringUTF(env, "/tmp");
}

JNIEXPORT char *JNICALL JVM_NativePath(char *path) {
    return path;
}

JNIEXPORT void JNICALL JVM_Halt(jint code) {
    exit(code);
}

JNIEXPORT void JNICALL JVM_BeforeHalt(void) {
}

JNIEXPORT void JNICALL JVM_Yield(JNIEnv *env, jclass ignored) {
    (void) env;
    (void) ignored;
    sched_yield();
}

JNIEXPORT jboolean JNICALL JVM_IsContainerized(void) {
    return JNI_FALSE;
}

JNIEXPORT jboolean JNICALL JVM_IsUseContainerSupport(void) {
    return JNI_FALSE;
}

/* Raw monitors: plain recursive mutexes. */
JNIEXPORT void *JNICALL JVM_RawMonitorCreate(void) {
    pthread_mutexattr_t attributes;
    pthread_mutex_t *mutex = malloc(sizeof(pthread_mutex_t));
    if (mutex != NULL) {
        pthread_mutexattr_init(&attributes);
        pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
        pthread_mutex_init(mutex, &attributes);
        pthread_mutexattr_destroy(&attributes);
    }
    return mutex;
}

JNIEXPORT void JNICALL JVM_RawMonitorDestroy(void *monitor) {
    pthread_mutex_destroy(monitor);
    free(monitor);
}

JNIEXPORT jint JNICALL JVM_RawMonitorEnter(void *monitor) {
    return pthread_mutex_lock(monitor) == 0 ? 0 : -1;
}

JNIEXPORT void JNICALL JVM_RawMonitorExit(void *monitor) {
    pthread_mutex_unlock(monitor);
}

JNIEXPORT jint JNICALL JVM_GetLastErrorString(char *buffer, int length) {
    if (errno == 0 || length <= 0) {
        return 0;
    }
    snprintf(buffer, (size_t) length, "%s", strerror(errno));
    return (jint) strlen(buffer);
}

/* The jio_ family: printf variants that always terminate the buffer and return -1 on truncation. */
JNIEXPORT int jio_vsnprintf(char *buffer, size_t count, const char *format, va_list args) {
    if ((intptr_t) count <= 0) {
        return -1;
    }
    int result = vsnprintf(buffer, count, format, args);
    if (result < 0 || (size_t) result >= count) {
        buffer[count - 1] = '\0';
        return -1;
    }
    return result;
}

JNIEXPORT int jio_snprintf(char *buffer, size_t count, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int result = jio_vsnprintf(buffer, count, format, args);
    va_end(args);
    return result;
}

JNIEXPORT int jio_vfprintf(FILE *file, const char *format, va_list args) {
    return vfprintf(file, format, args);
}

JNIEXPORT int jio_fprintf(FILE *file, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int result = vfprintf(file, format, args);
    va_end(args);
    return result;
}

JNIEXPORT int jio_printf(const char *format, ...) {
    va_list args;
    va_start(args, format);
    int result = vfprintf(stdout, format, args);
    va_end(args);
    return result;
}

/* Called by the generated stubs and JNI_OnLoad forwarders. */
void svm_jvm_unsupported(const char *function) {
    fprintf(stderr, "Fatal error: %s is not available in a native image built with this toolchain\n", function);
    fflush(stderr);
    abort();
}

/*
 * A statically linked image calls JNI_OnLoad_<library> for each built-in library and requires JNI 1.8 or later. The
 * JDK's shared libraries only have JNI_OnLoad (some of which initialise state, as libnet's does): the generated
 * JNI_OnLoad_<library> functions call it through this forwarder and answer 1.8.
 */
jint svm_jvm_forward_onload(const char *soname, JavaVM *vm, void *reserved) {
    void *library = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);
    if (library == NULL) {
        return JNI_VERSION_1_8;
    }
    jint (*onload)(JavaVM *, void *) = (jint (*)(JavaVM *, void *)) dlsym(library, "JNI_OnLoad");
    jint result = onload == NULL ? JNI_VERSION_1_8 : onload(vm, reserved);
    dlclose(library);
    return result < 0 ? result : JNI_VERSION_1_8;
}
