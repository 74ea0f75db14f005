/*
 * The attach listener (jcmd): a Unix socket at /tmp/.java_pid<pid>, created when a tool leaves a trigger file and
 * sends SIGQUIT. Only peers with this process's effective user and group, or root, are served.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "svm_cinterface.h"

static int retry_stat(const char *path, struct stat *st) {
    int result;
    do {
        result = stat(path, st);
    } while (result == -1 && errno == EINTR);
    return result;
}

/* A socket file left by an earlier process with the same pid is removed. */
void svm_attach_startup(char *path) {
    struct stat st;
    if (retry_stat(path, &st) == 0) {
        unlink(path);
    }
}

void svm_attach_listener_cleanup(int socket_fd, char *path) {
    if (socket_fd != -1) {
        shutdown(socket_fd, SHUT_RDWR);
        close(socket_fd);
    }
    if (path != NULL) {
        unlink(path);
    }
}

int svm_attach_check_socket_file(char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* The trigger file counts only when this process's user (or root) created it. */
int svm_attach_is_init_trigger(char *path) {
    struct stat st;
    return retry_stat(path, &st) == 0 && (st.st_uid == 0 || st.st_uid == geteuid());
}

/* Binds under a temporary name, restricts it to the owner, then renames it into place: never a world-open socket. */
int svm_attach_create_listener(char *path) {
    struct sockaddr_un address;
    char temporary[sizeof(address.sun_path)];
    if (snprintf(temporary, sizeof(temporary), "%s.tmp", path) >= (int) sizeof(temporary)) {
        return -1;
    }
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    if (listener == -1) {
        return -1;
    }
    memset(&address, 0, sizeof(address));
    address.sun_family = AF_UNIX;
    memcpy(address.sun_path, temporary, strlen(temporary) + 1);
    unlink(temporary);
    int ok = bind(listener, (struct sockaddr *) &address, sizeof(address)) == 0
            && listen(listener, 5) == 0
            && chmod(temporary, S_IRUSR | S_IWUSR) == 0
            && chown(temporary, geteuid(), getegid()) == 0
            && rename(temporary, path) == 0;
    if (!ok) {
        close(listener);
        unlink(temporary);
        return -1;
    }
    return listener;
}

int svm_attach_wait_for_request(int listener) {
    for (;;) {
        int connection;
        do {
            connection = accept(listener, NULL, NULL);
        } while (connection == -1 && errno == EINTR);
        if (connection == -1) {
            return -1;
        }
        struct ucred peer;
        socklen_t length = sizeof(peer);
        if (getsockopt(connection, SOL_SOCKET, SO_PEERCRED, &peer, &length) == 0
                && (peer.uid == 0 || (peer.uid == geteuid() && peer.gid == getegid()))) {
            return connection;
        }
        close(connection);
    }
}

void svm_attach_shutdown_socket(int socket_fd) {
    shutdown(socket_fd, SHUT_RDWR);
}
