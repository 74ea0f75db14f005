/*
 * C functions the image declares without a library that the C library does not provide on every Linux: fixed-argument
 * wrappers of variadic functions (so the C compiler, not the image, applies the variadic calling convention), and
 * functions glibc only gained recently.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

int fprintfSD(FILE *stream, const char *format, char *string, int number) {
    return fprintf(stream, format, string, number);
}

int openSII(const char *path, int flags, int mode) {
    return open(path, flags, mode);
}

int openatISII(int directory, const char *path, int flags, int mode) {
    return openat(directory, path, flags, mode);
}

/* BSD strlcpy (glibc has it from 2.38 only): copies at most size - 1 bytes, terminates, returns strlen(source). */
size_t strlcpy(char *destination, const char *source, size_t size) {
    size_t length = strlen(source);
    if (size > 0) {
        size_t n = length < size - 1 ? length : size - 1;
        memcpy(destination, source, n);
        destination[n] = '\0';
    }
    return length;
}

int *__errno(void) {
    return &errno;
}
