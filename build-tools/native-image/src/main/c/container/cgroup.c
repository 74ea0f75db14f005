/*
 * Container awareness: the memory and CPU limits of the process's control group, so that an image in a container
 * (Cloud Run, Knative, a Lambda container image) sizes its heap and thread pools from its limits, not from the host.
 * Reads cgroup v2 (memory.max, cpu.max, cpuset.cpus.effective) and v1 (memory.limit_in_bytes, cpu.cfs_quota_us …),
 * found through /proc/self/cgroup and /proc/self/mountinfo. -1 means "no limit".
 */
#define _GNU_SOURCE
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "svm_cinterface.h"

/* The protocol version of the image's ContainerLibrary this file implements, and its answers. */
#define PROTOCOL_VERSION 240100
#define NOT_CONTAINERIZED 0
#define CONTAINERIZED 1
#define TOO_OLD 2
#define TOO_NEW 3

static int version2;
static char memory_dir[PATH_MAX];
static char cpu_dir[PATH_MAX];

static int64_t read_number(const char *dir, const char *file) {
    char path[PATH_MAX + 64];
    char value[64];
    if (dir[0] == '\0') {
        return -2;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -2;
    }
    int ok = fgets(value, sizeof(value), f) != NULL;
    fclose(f);
    if (!ok) {
        return -2;
    }
    if (strncmp(value, "max", 3) == 0) {
        return -1;
    }
    return strtoll(value, NULL, 10);
}

/* The mount point of the cgroup hierarchy holding a controller ("" for v2), joined with the process's path in it. */
static int locate(const char *controller, char *out) {
    char line[4096];
    char relative[PATH_MAX] = "";
    FILE *cgroups = fopen("/proc/self/cgroup", "r");
    if (cgroups == NULL) {
        return 0;
    }
    while (fgets(line, sizeof(line), cgroups) != NULL) {
        /* hierarchy-id:controllers:path */
        char *first = strchr(line, ':');
        char *second = first ? strchr(first + 1, ':') : NULL;
        if (second == NULL) {
            continue;
        }
        *second = '\0';
        char *controllers = first + 1;
        char *path = second + 1;
        path[strcspn(path, "\n")] = '\0';
        int match = controller[0] == '\0' ? controllers[0] == '\0' : strstr(controllers, controller) != NULL;
        if (match) {
            snprintf(relative, sizeof(relative), "%s", path);
            break;
        }
    }
    fclose(cgroups);
    if (relative[0] == '\0') {
        return 0;
    }
    FILE *mounts = fopen("/proc/self/mountinfo", "r");
    if (mounts == NULL) {
        return 0;
    }
    int found = 0;
    while (!found && fgets(line, sizeof(line), mounts) != NULL) {
        /* id parent major:minor root mount-point options ... - fstype source super-options */
        char root[PATH_MAX], point[PATH_MAX], type[64], options[1024];
        char *dash = strstr(line, " - ");
        if (dash == NULL || sscanf(line, "%*d %*d %*s %s %s", root, point) != 2
                || sscanf(dash + 3, "%63s %*s %1023s", type, options) != 2) {
            continue;
        }
        int v2 = strcmp(type, "cgroup2") == 0;
        int v1 = strcmp(type, "cgroup") == 0 && controller[0] != '\0' && strstr(options, controller) != NULL;
        if (!(controller[0] == '\0' ? v2 : v1)) {
            continue;
        }
        /* Inside a container the hierarchy is usually mounted at the process's own cgroup (root == path). */
        const char *suffix = strcmp(root, "/") == 0 ? relative : strncmp(relative, root, strlen(root)) == 0 ? relative + strlen(root) : "";
        snprintf(out, PATH_MAX, "%s%s", point, strcmp(suffix, "/") == 0 ? "" : suffix);
        found = 1;
    }
    fclose(mounts);
    return found;
}

int svm_container_initialize(int version) {
    if (version > PROTOCOL_VERSION) {
        return TOO_OLD;
    }
    if (version < PROTOCOL_VERSION) {
        return TOO_NEW;
    }
    if (locate("", memory_dir)) {
        version2 = 1;
        strcpy(cpu_dir, memory_dir);
        return CONTAINERIZED;
    }
    int memory = locate("memory", memory_dir);
    int cpu = locate("cpu,", cpu_dir) || locate("cpu", cpu_dir);
    return memory || cpu ? CONTAINERIZED : NOT_CONTAINERIZED;
}

static int64_t host_memory(void) {
    return (int64_t) sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE);
}

int64_t svm_container_memory_limit_in_bytes(void) {
    int64_t limit = version2 ? read_number(memory_dir, "memory.max") : read_number(memory_dir, "memory.limit_in_bytes");
    /* v1 reports "no limit" as a huge number; anything at or above the host's memory is no limit either. */
    return limit < 0 || limit >= host_memory() ? -1 : limit;
}

size_t svm_container_physical_memory(void) {
    int64_t limit = svm_container_memory_limit_in_bytes();
    int64_t host = host_memory();
    return (size_t) (limit > 0 && limit < host ? limit : host);
}

int64_t svm_container_memory_and_swap_limit_in_bytes(void) {
    if (version2) {
        int64_t memory = svm_container_memory_limit_in_bytes();
        int64_t swap = read_number(memory_dir, "memory.swap.max");
        return memory < 0 || swap == -1 ? -1 : swap < 0 ? memory : memory + swap;
    }
    int64_t limit = read_number(memory_dir, "memory.memsw.limit_in_bytes");
    return limit < 0 || limit >= LLONG_MAX / 2 ? -1 : limit;
}

int64_t svm_container_memory_soft_limit_in_bytes(void) {
    int64_t limit = version2 ? read_number(memory_dir, "memory.low") : read_number(memory_dir, "memory.soft_limit_in_bytes");
    return limit <= 0 || limit >= host_memory() ? -1 : limit;
}

int64_t svm_container_memory_usage_in_bytes(void) {
    return version2 ? read_number(memory_dir, "memory.current") : read_number(memory_dir, "memory.usage_in_bytes");
}

int64_t svm_container_memory_max_usage_in_bytes(void) {
    return version2 ? read_number(memory_dir, "memory.peak") : read_number(memory_dir, "memory.max_usage_in_bytes");
}

static int64_t stat_value(const char *key) {
    char path[PATH_MAX + 16];
    char line[256];
    snprintf(path, sizeof(path), "%s/memory.stat", memory_dir);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return -2;
    }
    int64_t result = -2;
    size_t length = strlen(key);
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, key, length) == 0 && line[length] == ' ') {
            result = strtoll(line + length + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return result;
}

int64_t svm_container_rss_usage_in_bytes(void) {
    return stat_value(version2 ? "anon" : "rss");
}

int64_t svm_container_cache_usage_in_bytes(void) {
    return stat_value(version2 ? "file" : "cache");
}

/* Processors: those the process may run on, further limited by a CPU quota (rounded up). */
int svm_container_active_processor_count(void) {
    cpu_set_t set;
    int count = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : (int) sysconf(_SC_NPROCESSORS_ONLN);
    int64_t quota = -1, period = -1;
    if (version2) {
        char path[PATH_MAX + 16];
        snprintf(path, sizeof(path), "%s/cpu.max", cpu_dir);
        FILE *f = fopen(path, "r");
        if (f != NULL) {
            char q[32];
            long long p;
            if (fscanf(f, "%31s %lld", q, &p) == 2 && strcmp(q, "max") != 0) {
                quota = strtoll(q, NULL, 10);
                period = p;
            }
            fclose(f);
        }
    } else {
        quota = read_number(cpu_dir, "cpu.cfs_quota_us");
        period = read_number(cpu_dir, "cpu.cfs_period_us");
    }
    if (quota > 0 && period > 0) {
        int limit = (int) ((quota + period - 1) / period);
        if (limit < count) {
            count = limit;
        }
    }
    return count > 0 ? count : 1;
}
