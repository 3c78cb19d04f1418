/*
 * netns.c: entering a network namespace for the length of one open call.
 *
 * A socket or TUN queue belongs for life to the namespace of the thread that created it, and
 * setns(CLONE_NEWNET) moves only the calling thread. So an open call enters the namespace,
 * creates its socket and comes back before it returns: Java threads never stay elsewhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include "ports_internal.h"

int torii_netns_enter(const char *path, int *saved)
{
    *saved = -1;
    if (path == NULL || path[0] == '\0')
    {
        return 0;
    }
    const int self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    if (self < 0)
    {
        return -errno;
    }
    const int target = open(path, O_RDONLY | O_CLOEXEC);
    if (target < 0)
    {
        const int error = -errno;
        close(self);
        return error;
    }
    if (setns(target, CLONE_NEWNET) != 0)
    {
        const int error = -errno;
        close(target);
        close(self);
        return error;
    }
    close(target);
    *saved = self;
    return 0;
}

int torii_netns_leave(int saved)
{
    if (saved < 0)
    {
        return 0;
    }
    const int result = setns(saved, CLONE_NEWNET) == 0 ? 0 : -errno;
    close(saved);
    return result;
}
