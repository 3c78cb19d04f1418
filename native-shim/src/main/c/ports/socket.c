/*
 * socket.c: the batch calls and queries that UDP and raw sockets share.
 *
 * One recvmmsg()/sendmmsg() per burst. Each message has its own control buffer, so that the
 * destination address, TTL/hop limit and TOS/traffic class travel with it in both directions:
 * a socket bound to the wildcard address still knows which local address a datagram was for,
 * and the outer header's ECN bits survive the kernel (RFC 6040 needs them at decapsulation).
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ports_internal.h"

/* Room for the control messages of one packet: a pktinfo and two ints, as CMSG_SPACE pads them. */
#define CONTROL_BYTES 128

typedef union control_buffer {
    struct cmsghdr align;
    uint8_t bytes[CONTROL_BYTES];
} control_buffer;

_Static_assert(CMSG_SPACE(sizeof(struct in6_pktinfo)) + 2 * CMSG_SPACE(sizeof(int)) <= CONTROL_BYTES,
    "control buffer too small for pktinfo, hop limit and traffic class");

int torii_sockaddr_make(
    int32_t family, const uint8_t *address, uint32_t scope_id, int32_t port, torii_sockaddr *out, socklen_t *length)
{
    memset(out, 0, sizeof(*out));
    if (port < 0 || port > 65535)
    {
        return -EINVAL;
    }
    if (family == TORII_PORT_FAMILY_IPV4)
    {
        out->v4.sin_family = AF_INET;
        out->v4.sin_port = htons((uint16_t)port);
        if (address != NULL)
        {
            memcpy(&out->v4.sin_addr, address, 4);
        }
        *length = sizeof(out->v4);
        return 0;
    }
    if (family == TORII_PORT_FAMILY_IPV6)
    {
        out->v6.sin6_family = AF_INET6;
        out->v6.sin6_port = htons((uint16_t)port);
        out->v6.sin6_scope_id = scope_id;
        if (address != NULL)
        {
            memcpy(&out->v6.sin6_addr, address, 16);
        }
        *length = sizeof(out->v6);
        return 0;
    }
    return -EINVAL;
}

int torii_address_is_wildcard(int32_t family, const uint8_t *address)
{
    if (address == NULL)
    {
        return 1;
    }
    const size_t length = family == TORII_PORT_FAMILY_IPV6 ? 16 : 4;
    for (size_t i = 0; i < length; i++)
    {
        if (address[i] != 0)
        {
            return 0;
        }
    }
    return 1;
}

int torii_set_int(int fd, int level, int name, int value)
{
    return setsockopt(fd, level, name, &value, sizeof(value)) == 0 ? 0 : -errno;
}

static int set_buffer(int fd, int forced, int plain, int32_t bytes)
{
    if (bytes <= 0)
    {
        return 0;
    }
    /* The FORCE variants pass net.core.[rw]mem_max, which a namespace cannot raise; they need
       CAP_NET_ADMIN, so fall back to the capped option without it. */
    if (torii_set_int(fd, SOL_SOCKET, forced, bytes) == 0)
    {
        return 0;
    }
    return torii_set_int(fd, SOL_SOCKET, plain, bytes);
}

int torii_set_buffers(int fd, int32_t rcvbuf, int32_t sndbuf)
{
    const int receive = set_buffer(fd, SO_RCVBUFFORCE, SO_RCVBUF, rcvbuf);
    return receive != 0 ? receive : set_buffer(fd, SO_SNDBUFFORCE, SO_SNDBUF, sndbuf);
}

int32_t torii_port_local_port(int32_t fd)
{
    torii_sockaddr name;
    socklen_t length = sizeof(name);
    memset(&name, 0, sizeof(name));
    if (getsockname(fd, &name.sa, &length) != 0)
    {
        return -errno;
    }
    if (name.sa.sa_family == AF_INET)
    {
        return ntohs(name.v4.sin_port);
    }
    if (name.sa.sa_family == AF_INET6)
    {
        return ntohs(name.v6.sin6_port);
    }
    return -EAFNOSUPPORT;
}

int32_t torii_port_buffer_size(int32_t fd, int32_t send)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (getsockopt(fd, SOL_SOCKET, send != 0 ? SO_SNDBUF : SO_RCVBUF, &value, &length) != 0)
    {
        return -errno;
    }
    return value;
}

static int cmsg_int(const struct cmsghdr *cmsg, int *out)
{
    if (cmsg->cmsg_len < CMSG_LEN(sizeof(int)))
    {
        return 0;
    }
    memcpy(out, CMSG_DATA(cmsg), sizeof(int));
    return 1;
}

/* What the kernel said about one received datagram, into its descriptor. */
static void fill_received(torii_port_msg *msg, const struct msghdr *header, uint32_t length)
{
    const torii_sockaddr *name = header->msg_name;
    msg->length = length;
    msg->status = 0;
    msg->flags = (header->msg_flags & MSG_TRUNC) != 0 ? TORII_PORT_MSG_TRUNC : 0;
    msg->family = 0;
    msg->port = 0;
    msg->scope_id = 0;
    msg->hop_limit = 0;
    msg->tclass = 0;
    memset(msg->peer, 0, sizeof(msg->peer));
    memset(msg->local, 0, sizeof(msg->local));
    if (header->msg_namelen >= sizeof(struct sockaddr_in) && name->sa.sa_family == AF_INET)
    {
        msg->family = TORII_PORT_FAMILY_IPV4;
        msg->port = ntohs(name->v4.sin_port);
        memcpy(msg->peer, &name->v4.sin_addr, 4);
    }
    else if (header->msg_namelen >= sizeof(struct sockaddr_in6) && name->sa.sa_family == AF_INET6)
    {
        msg->family = TORII_PORT_FAMILY_IPV6;
        msg->port = ntohs(name->v6.sin6_port);
        msg->scope_id = name->v6.sin6_scope_id;
        memcpy(msg->peer, &name->v6.sin6_addr, 16);
    }
    for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(header); cmsg != NULL;
         cmsg = CMSG_NXTHDR((struct msghdr *)header, cmsg))
    {
        int value = 0;
        if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO &&
            cmsg->cmsg_len >= CMSG_LEN(sizeof(struct in_pktinfo)))
        {
            struct in_pktinfo info;
            memcpy(&info, CMSG_DATA(cmsg), sizeof(info));
            memcpy(msg->local, &info.ipi_addr, 4);
            msg->flags |= TORII_PORT_MSG_LOCAL;
        }
        else if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_PKTINFO &&
            cmsg->cmsg_len >= CMSG_LEN(sizeof(struct in6_pktinfo)))
        {
            struct in6_pktinfo info;
            memcpy(&info, CMSG_DATA(cmsg), sizeof(info));
            memcpy(msg->local, &info.ipi6_addr, 16);
            msg->flags |= TORII_PORT_MSG_LOCAL;
        }
        else if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_TOS && cmsg->cmsg_len >= CMSG_LEN(1))
        {
            /* IP_RECVTOS delivers one byte. */
            msg->tclass = *(const uint8_t *)CMSG_DATA(cmsg);
            msg->flags |= TORII_PORT_MSG_TCLASS;
        }
        else if (((cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_TTL) ||
                     (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_HOPLIMIT)) &&
            cmsg_int(cmsg, &value) && value >= 0 && value <= 255)
        {
            msg->hop_limit = (uint8_t)value;
            msg->flags |= TORII_PORT_MSG_HOPLIMIT;
        }
        else if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_TCLASS && cmsg_int(cmsg, &value) &&
            value >= 0 && value <= 255)
        {
            msg->tclass = (uint8_t)value;
            msg->flags |= TORII_PORT_MSG_TCLASS;
        }
    }
}

int32_t torii_port_recv(int32_t fd, torii_port_msg *msgs, uint32_t count)
{
    const int bad = torii_check_batch(fd, msgs, count);
    if (bad != 0)
    {
        return bad;
    }
    for (uint32_t i = 0; i < count; i++)
    {
        if (torii_check_buffer(&msgs[i]) != 0)
        {
            return -EINVAL;
        }
    }
    struct mmsghdr headers[TORII_PORT_MAX_BATCH];
    struct iovec vectors[TORII_PORT_MAX_BATCH];
    torii_sockaddr names[TORII_PORT_MAX_BATCH];
    control_buffer controls[TORII_PORT_MAX_BATCH];
    memset(headers, 0, sizeof(headers[0]) * count);
    for (uint32_t i = 0; i < count; i++)
    {
        vectors[i].iov_base = (void *)(uintptr_t)msgs[i].buffer;
        vectors[i].iov_len = msgs[i].length;
        headers[i].msg_hdr.msg_name = &names[i];
        headers[i].msg_hdr.msg_namelen = sizeof(names[i]);
        headers[i].msg_hdr.msg_iov = &vectors[i];
        headers[i].msg_hdr.msg_iovlen = 1;
        headers[i].msg_hdr.msg_control = controls[i].bytes;
        headers[i].msg_hdr.msg_controllen = sizeof(controls[i].bytes);
    }
    int received;
    do
    {
        received = recvmmsg(fd, headers, count, MSG_DONTWAIT, NULL);
    }
    while (received < 0 && errno == EINTR);
    if (received < 0)
    {
        return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
    }
    for (int i = 0; i < received; i++)
    {
        fill_received(&msgs[i], &headers[i].msg_hdr, headers[i].msg_len);
    }
    return received;
}

static void add_int(struct msghdr *header, size_t *used, int level, int type, int value)
{
    struct cmsghdr *cmsg = (struct cmsghdr *)((uint8_t *)header->msg_control + *used);
    cmsg->cmsg_level = level;
    cmsg->cmsg_type = type;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &value, sizeof(value));
    *used += CMSG_SPACE(sizeof(int));
}

/* The control messages of one packet to send: source address, hop limit, traffic class. */
static size_t build_control(const torii_port_msg *msg, struct msghdr *header)
{
    size_t used = 0;
    const int ipv6 = msg->family == TORII_PORT_FAMILY_IPV6;
    memset(header->msg_control, 0, CONTROL_BYTES);
    if ((msg->flags & TORII_PORT_MSG_LOCAL) != 0)
    {
        struct cmsghdr *cmsg = (struct cmsghdr *)header->msg_control;
        if (ipv6)
        {
            struct in6_pktinfo info;
            memset(&info, 0, sizeof(info));
            memcpy(&info.ipi6_addr, msg->local, 16);
            cmsg->cmsg_level = IPPROTO_IPV6;
            cmsg->cmsg_type = IPV6_PKTINFO;
            cmsg->cmsg_len = CMSG_LEN(sizeof(info));
            memcpy(CMSG_DATA(cmsg), &info, sizeof(info));
            used += CMSG_SPACE(sizeof(info));
        }
        else
        {
            struct in_pktinfo info;
            memset(&info, 0, sizeof(info));
            memcpy(&info.ipi_spec_dst, msg->local, 4);
            cmsg->cmsg_level = IPPROTO_IP;
            cmsg->cmsg_type = IP_PKTINFO;
            cmsg->cmsg_len = CMSG_LEN(sizeof(info));
            memcpy(CMSG_DATA(cmsg), &info, sizeof(info));
            used += CMSG_SPACE(sizeof(info));
        }
    }
    if ((msg->flags & TORII_PORT_MSG_HOPLIMIT) != 0)
    {
        add_int(header, &used, ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, ipv6 ? IPV6_HOPLIMIT : IP_TTL, msg->hop_limit);
    }
    if ((msg->flags & TORII_PORT_MSG_TCLASS) != 0)
    {
        add_int(header, &used, ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, ipv6 ? IPV6_TCLASS : IP_TOS, msg->tclass);
    }
    return used;
}

int32_t torii_port_send(int32_t fd, torii_port_msg *msgs, uint32_t count)
{
    const int bad = torii_check_batch(fd, msgs, count);
    if (bad != 0)
    {
        return bad;
    }
    struct mmsghdr headers[TORII_PORT_MAX_BATCH];
    struct iovec vectors[TORII_PORT_MAX_BATCH];
    torii_sockaddr names[TORII_PORT_MAX_BATCH];
    control_buffer controls[TORII_PORT_MAX_BATCH];
    uint32_t which[TORII_PORT_MAX_BATCH];
    uint32_t ready = 0;
    memset(headers, 0, sizeof(headers[0]) * count);
    for (uint32_t i = 0; i < count; i++)
    {
        torii_port_msg *msg = &msgs[i];
        socklen_t name_length = 0;
        if (torii_check_buffer(msg) != 0 ||
            torii_sockaddr_make(msg->family, msg->peer, msg->scope_id, msg->port, &names[ready], &name_length) != 0)
        {
            msg->status = -EINVAL;
            continue;
        }
        msg->status = -EINPROGRESS;
        vectors[ready].iov_base = (void *)(uintptr_t)msg->buffer;
        vectors[ready].iov_len = msg->length;
        struct msghdr *header = &headers[ready].msg_hdr;
        header->msg_name = &names[ready];
        header->msg_namelen = name_length;
        header->msg_iov = &vectors[ready];
        header->msg_iovlen = 1;
        header->msg_control = controls[ready].bytes;
        header->msg_controllen = build_control(msg, header);
        if (header->msg_controllen == 0)
        {
            header->msg_control = NULL;
        }
        which[ready++] = i;
    }
    int32_t sent = 0;
    uint32_t next = 0;
    while (next < ready)
    {
        const int result = sendmmsg(fd, &headers[next], ready - next, MSG_DONTWAIT);
        if (result > 0)
        {
            for (uint32_t j = next; j < next + (uint32_t)result; j++)
            {
                msgs[which[j]].status = 0;
            }
            sent += result;
            next += (uint32_t)result;
            continue;
        }
        const int error = result == 0 ? EIO : errno;
        if (error == EINTR)
        {
            continue;
        }
        if (torii_error_stops_burst(error))
        {
            for (uint32_t j = next; j < ready; j++)
            {
                msgs[which[j]].status = -error;
            }
            break;
        }
        /* sendmmsg reports an error only for the first message it tried: drop that one, go on. */
        msgs[which[next]].status = -error;
        next++;
    }
    return sent;
}
