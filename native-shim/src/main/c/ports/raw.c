/*
 * raw.c: opening a raw IP socket for ESP (protocol 50) or AH (51) without UDP encapsulation.
 *
 * IPv4 raw sockets hand over the IP header on receive and, with IP_HDRINCL, take the engine's
 * outer header as built on send. IPv6 raw sockets never show the IPv6 header (RFC 3542 section
 * 3): receiving asks for destination address, hop limit and traffic class so Java can rebuild it.
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ports_internal.h"

static int configure(int fd, int32_t family, int32_t rcvbuf, int32_t sndbuf)
{
    int result;
    if (family == TORII_PORT_FAMILY_IPV6)
    {
        result = torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
        result = result != 0 ? result : torii_set_int(fd, IPPROTO_IPV6, IPV6_RECVTCLASS, 1);
    }
    else
    {
        result = torii_set_int(fd, IPPROTO_IP, IP_HDRINCL, 1);
    }
    return result != 0 ? result : torii_set_buffers(fd, rcvbuf, sndbuf);
}

static int open_here(
    int32_t family,
    int32_t protocol,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t rcvbuf,
    int32_t sndbuf)
{
    torii_sockaddr name;
    socklen_t name_length = 0;
    const int bad = torii_sockaddr_make(family, address, scope_id, 0, &name, &name_length);
    if (bad != 0)
    {
        return bad;
    }
    const int fd = socket(name.sa.sa_family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0)
    {
        return -errno;
    }
    int result = configure(fd, family, rcvbuf, sndbuf);
    if (result == 0 && !torii_address_is_wildcard(family, address) && bind(fd, &name.sa, name_length) != 0)
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

int32_t torii_port_raw_open(
    const char *netns,
    int32_t family,
    int32_t protocol,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t rcvbuf,
    int32_t sndbuf,
    uint32_t options)
{
    /* 0 and 255 (IPPROTO_RAW) would change what the socket means; no options apply yet. */
    if (protocol < 1 || protocol > 254 || options != 0)
    {
        return -EINVAL;
    }
    int saved = -1;
    const int entered = torii_netns_enter(netns, &saved);
    if (entered != 0)
    {
        return entered;
    }
    const int fd = open_here(family, protocol, address, scope_id, rcvbuf, sndbuf);
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
