/* The builder's progress reporter asks its JVM for the terminal width and the builder's peak memory (JNI). */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <jni.h>

JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass clazz) {
    (void) env;
    (void) clazz;
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return -1;
}

JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass clazz) {
    (void) env;
    (void) clazz;
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) == 0) {
        return (jlong) usage.ru_maxrss * 1024; /* kilobytes on Linux */
    }
    return -1;
}
