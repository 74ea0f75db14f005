/*
 * The time zone ID of the machine, as the JDK finds it on Linux: the TZ variable (":Area/City", "Area/City" or a path
 * into the zoneinfo directory), else /etc/timezone, else the target of the /etc/localtime link, else the zoneinfo
 * file whose contents equal /etc/localtime. NULL lets the Java side fall back to GMT.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "svm_cinterface.h"

#define ZONEINFO "/usr/share/zoneinfo/"

static char *after_zoneinfo(const char *path) {
    const char *p = strstr(path, "zoneinfo/");
    if (p == NULL) {
        return NULL;
    }
    p += strlen("zoneinfo/");
    if (strncmp(p, "posix/", 6) == 0 || strncmp(p, "right/", 6) == 0) {
        p += 6;
    }
    return *p ? strdup(p) : NULL;
}

static char *read_first_line(const char *path) {
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return NULL;
    }
    char line[256];
    char *result = NULL;
    if (fgets(line, sizeof(line), file) != NULL) {
        line[strcspn(line, " \t\r\n")] = '\0';
        if (line[0] != '\0') {
            result = strdup(line);
        }
    }
    fclose(file);
    return result;
}

static int same_contents(const char *a, const char *b, off_t size) {
    FILE *fa = fopen(a, "rb");
    FILE *fb = fopen(b, "rb");
    int same = fa != NULL && fb != NULL;
    char ba[4096], bb[4096];
    while (same && size > 0) {
        size_t n = fread(ba, 1, sizeof(ba), fa);
        same = n > 0 && fread(bb, 1, n, fb) == n && memcmp(ba, bb, n) == 0;
        size -= (off_t) n;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

static char *find_same_file(const char *dir, const char *relative, const char *target, off_t size) {
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s%s", dir, relative);
    DIR *d = opendir(path);
    if (d == NULL) {
        return NULL;
    }
    char *found = NULL;
    struct dirent *entry;
    while (found == NULL && (entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        if (name[0] == '.' || strcmp(name, "posixrules") == 0 || strcmp(name, "localtime") == 0
                || strcmp(name, "posix") == 0 || strcmp(name, "right") == 0) {
            continue;
        }
        char child[PATH_MAX];
        snprintf(child, sizeof(child), "%s%s%s", relative, *relative ? "/" : "", name);
        snprintf(path, sizeof(path), "%s%s", dir, child);
        struct stat st;
        if (stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            found = find_same_file(dir, child, target, size);
        } else if (S_ISREG(st.st_mode) && st.st_size == size && same_contents(path, target, size)) {
            found = strdup(child);
        }
    }
    closedir(d);
    return found;
}

char *SVM_FindJavaTZmd(char *tzmappings, int length) {
    (void) tzmappings; /* Only Windows maps names through a table. */
    (void) length;
    const char *tz = getenv("TZ");
    if (tz != NULL && *tz != '\0') {
        if (*tz == ':') {
            tz++;
        }
        if (*tz == '/') {
            char *zone = after_zoneinfo(tz);
            if (zone != NULL) {
                return zone;
            }
        } else if (*tz != '\0') {
            return strdup(tz);
        }
    }
    char *zone = read_first_line("/etc/timezone");
    if (zone != NULL) {
        return zone;
    }
    char link[PATH_MAX];
    ssize_t n = readlink("/etc/localtime", link, sizeof(link) - 1);
    if (n > 0) {
        link[n] = '\0';
        zone = after_zoneinfo(link);
        if (zone != NULL) {
            return zone;
        }
    }
    struct stat st;
    if (stat("/etc/localtime", &st) == 0 && S_ISREG(st.st_mode)) {
        return find_same_file(ZONEINFO, "", "/etc/localtime", st.st_size);
    }
    return NULL;
}
