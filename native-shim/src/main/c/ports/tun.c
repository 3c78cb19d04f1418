/*
 * tun.c: TUN devices (IFF_TUN | IFF_NO_PI): whole IP packets, one per read() or write().
 *
 * A TUN queue has no batch system call, so a burst is a loop of read()s or write()s inside one
 * downcall, which is what a Java-side loop would cost minus a downcall per packet.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ports_internal.h"

_Static_assert(TORII_PORT_IFNAMSIZ == IFNAMSIZ, "TORII_PORT_IFNAMSIZ must equal IFNAMSIZ");

/* MTU and link state through an ordinary socket of the current namespace. */
static int configure_link(const char *name, int32_t mtu, int up)
{
    int control = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (control < 0)
    {
        control = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    }
    if (control < 0)
    {
        return -errno;
    }
    /* name comes from the kernel's TUNSETIFF answer, NUL-terminated within IFNAMSIZ. */
    const size_t name_length = strnlen(name, IFNAMSIZ - 1);
    struct ifreq request;
    int result = 0;
    if (mtu > 0)
    {
        memset(&request, 0, sizeof(request));
        memcpy(request.ifr_name, name, name_length);
        request.ifr_mtu = mtu;
        if (ioctl(control, SIOCSIFMTU, &request) != 0)
        {
            result = -errno;
        }
    }
    if (result == 0 && up)
    {
        memset(&request, 0, sizeof(request));
        memcpy(request.ifr_name, name, name_length);
        if (ioctl(control, SIOCGIFFLAGS, &request) != 0)
        {
            result = -errno;
        }
        else if ((request.ifr_flags & IFF_UP) == 0)
        {
            request.ifr_flags = (short)(request.ifr_flags | IFF_UP);
            if (ioctl(control, SIOCSIFFLAGS, &request) != 0)
            {
                result = -errno;
            }
        }
    }
    close(control);
    return result;
}

static int open_here(const char *name, size_t name_length, uint32_t options, int32_t mtu, char *name_out)
{
    const int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
    {
        return -errno;
    }
    struct ifreq request;
    memset(&request, 0, sizeof(request));
    memcpy(request.ifr_name, name, name_length);
    int flags = IFF_TUN | IFF_NO_PI;
    if ((options & TORII_PORT_OPT_MULTI_QUEUE) != 0)
    {
        flags |= IFF_MULTI_QUEUE;
    }
    request.ifr_flags = (short)flags;
    int result = ioctl(fd, TUNSETIFF, &request) == 0 ? 0 : -errno;
    if (result == 0)
    {
        request.ifr_name[IFNAMSIZ - 1] = '\0';
        result = configure_link(request.ifr_name, mtu, (options & TORII_PORT_OPT_UP) != 0);
    }
    if (result != 0)
    {
        close(fd);
        return result;
    }
    memcpy(name_out, request.ifr_name, IFNAMSIZ);
    return fd;
}

int32_t torii_port_tun_open(
    const char *netns,
    const char *name,
    uint32_t options,
    int32_t mtu,
    char *name_out)
{
    const uint32_t known = TORII_PORT_OPT_MULTI_QUEUE | TORII_PORT_OPT_UP;
    if (name == NULL || name_out == NULL || mtu < 0 || (options & ~known) != 0)
    {
        return -EINVAL;
    }
    const size_t name_length = strnlen(name, IFNAMSIZ);
    if (name_length >= IFNAMSIZ)
    {
        return -EINVAL;
    }
    memset(name_out, 0, IFNAMSIZ);
    int saved = -1;
    const int entered = torii_netns_enter(netns, &saved);
    if (entered != 0)
    {
        return entered;
    }
    const int fd = open_here(name, name_length, options, mtu, name_out);
    const int left = torii_netns_leave(saved);
    if (left != 0)
    {
        if (fd >= 0)
        {
            close(fd);
        }
        return left;
    }
    return fd;
}

int32_t torii_port_tun_read(int32_t fd, torii_port_msg *msgs, uint32_t count)
{
    const int bad = torii_check_batch(fd, msgs, count);
    if (bad != 0)
    {
        return bad;
    }
    uint32_t done = 0;
    while (done < count)
    {
        torii_port_msg *msg = &msgs[done];
        if (torii_check_buffer(msg) != 0)
        {
            return done > 0 ? (int32_t)done : -EINVAL;
        }
        const ssize_t result = read(fd, (void *)(uintptr_t)msg->buffer, msg->length);
        if (result < 0)
        {
            if (errno == EINTR)
            {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK || done > 0)
            {
                break;
            }
            return -errno;
        }
        /* TUN cuts a packet longer than the buffer and reports only what it copied, so a read that
           fills the buffer may have lost bytes: callers give one byte more than they accept. */
        const int truncated = (size_t)result >= msg->length;
        msg->length = (size_t)result > msg->length ? msg->length : (uint32_t)result;
        msg->status = 0;
        msg->flags = truncated ? TORII_PORT_MSG_TRUNC : 0;
        done++;
    }
    return (int32_t)done;
}

int32_t torii_port_tun_write(int32_t fd, torii_port_msg *msgs, uint32_t count)
{
    const int bad = torii_check_batch(fd, msgs, count);
    if (bad != 0)
    {
        return bad;
    }
    int32_t written = 0;
    uint32_t next = 0;
    while (next < count)
    {
        torii_port_msg *msg = &msgs[next];
        if (torii_check_buffer(msg) != 0 || msg->length == 0)
        {
            msg->status = -EINVAL;
            next++;
            continue;
        }
        const ssize_t result = write(fd, (const void *)(uintptr_t)msg->buffer, msg->length);
        if (result == (ssize_t)msg->length)
        {
            msg->status = 0;
            written++;
            next++;
            continue;
        }
        const int error = result >= 0 ? EIO : errno;
        if (error == EINTR)
        {
            continue;
        }
        if (torii_error_stops_burst(error))
        {
            for (uint32_t j = next; j < count; j++)
            {
                msgs[j].status = -error;
            }
            break;
        }
        msg->status = -error;
        next++;
    }
    return written;
}
