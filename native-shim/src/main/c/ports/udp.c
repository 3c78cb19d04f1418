/*
 * udp.c: opening the UDP socket of a UDP-encapsulated ESP port (RFC 3948; NAT-T on port 4500).
 *
 * Receiving asks for each datagram's destination address, TTL/hop limit and TOS/traffic class,
 * so that Java can rebuild the IP header the kernel took off exactly enough for decapsulation.
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ports_internal.h"

static int configure(int fd, int32_t family, int32_t rcvbuf, int32_t sndbuf, uint32_t options)
{
    int result = 0;
    if ((options & TORII_PORT_OPT_REUSEADDR) != 0)
    {
        result = torii_set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1);
    }
    if (result == 0 && family == TORII_PORT_FAMILY_IPV6)
    {
        /* IPv4 has a socket of its own: no v4-mapped peers reaching this one. */
        result = torii_set_int(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
    }
    else if (result == 0)
    {
        result = torii_set_int(fd, IPPROTO_IP, IP_PKTINFO, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IP, IP_RECVTTL, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IP, IP_RECVTOS, 1);
    }
    return result != 0 ? result : torii_set_buffers(fd, rcvbuf, sndbuf);
}

static int open_here(
    int32_t family,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t port,
    int32_t rcvbuf,
    int32_t sndbuf,
    uint32_t options)
{
    torii_sockaddr name;
    socklen_t name_length = 0;
    const int bad = torii_sockaddr_make(family, address, scope_id, port, &name, &name_length);
    if (bad != 0)
    {
        return bad;
    }
    const int fd = socket(name.sa.sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP);
    if (fd < 0)
    {
        return -errno;
    }
    int result = configure(fd, family, rcvbuf, sndbuf, options);
    if (result == 0 && bind(fd, &name.sa, name_length) != 0)
    {
        result = -errno;
    }
    if (result != 0)
    {
        close(fd);
        return result;
    }
    return fd;
}

int32_t torii_port_udp_open(
    const char *netns,
    int32_t family,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t port,
    int32_t rcvbuf,
    int32_t sndbuf,
    uint32_t options)
{
    if ((options & ~(uint32_t)TORII_PORT_OPT_REUSEADDR) != 0)
    {
        return -EINVAL;
    }
    int saved = -1;
    const int entered = torii_netns_enter(netns, &saved);
    if (entered != 0)
    {
        return entered;
    }
    const int fd = open_here(family, address, scope_id, port, rcvbuf, sndbuf, options);
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
