/*
 * xsk.c: one AF_XDP socket on one queue, with a UMEM of its own, and its batch calls.
 *
 * The UMEM's frames are split once: the first half circulate between the fill and RX rings (a
 * received frame is copied out and goes straight back to the fill ring, so the kernel never runs
 * dry while Java holds packets), the second half between a free stack, the TX ring and the
 * completion ring. Copying costs one memcpy per packet but lets Java keep its own packet buffers
 * (PacketBatch slots with headroom for ESP), the same descriptors as the socket ports, and no
 * UMEM bookkeeping in Java.
 *
 * need_wakeup (XDP_USE_NEED_WAKEUP): the kernel says when it wants a syscall to go on receiving
 * (fill ring) or sending (TX ring); in copy mode sending always takes one sendto() per burst.
 */
#include <errno.h>
#include <linux/ethtool.h>
#include <linux/if_xdp.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <xdp/xsk.h>

#include "afxdp_internal.h"

_Static_assert((TORII_XSK_FRAME_SIZE & (TORII_XSK_FRAME_SIZE - 1)) == 0, "frame size is a power of two");

struct torii_xsk
{
    struct xsk_ring_cons rx;
    struct xsk_ring_prod tx;
    struct xsk_ring_prod fill;
    struct xsk_ring_cons comp;
    struct xsk_socket *socket;
    struct xsk_umem *umem;
    uint8_t *area;
    size_t area_size;
    uint32_t half;          /* frames per direction */
    uint32_t free_count;    /* TX frames on the free stack */
    uint64_t *free_frames;  /* the free stack: UMEM addresses of TX frames */
    int map_fd;
    uint32_t queue;
    int in_map;
    uint64_t rx_too_long;
    uint64_t tx_no_frame;
};

static int open_here(torii_xsk *xsk, const char *name, uint32_t queue, int32_t bind)
{
    const struct xsk_umem_config umem_config = {
        .fill_size = xsk->half,
        .comp_size = xsk->half,
        .frame_size = TORII_XSK_FRAME_SIZE,
        .frame_headroom = 0,
        .flags = 0,
    };
    int result = xsk_umem__create(&xsk->umem, xsk->area, xsk->area_size, &xsk->fill, &xsk->comp, &umem_config);
    if (result != 0)
    {
        xsk->umem = NULL;
        return result < 0 ? result : -result;
    }
    const struct xsk_socket_config socket_config = {
        .rx_size = xsk->half,
        .tx_size = xsk->half,
        .libxdp_flags = XSK_LIBXDP_FLAGS__INHIBIT_PROG_LOAD,
        .xdp_flags = 0,
        .bind_flags = (uint16_t)(XDP_USE_NEED_WAKEUP | (bind == TORII_XSK_BIND_ZEROCOPY ? XDP_ZEROCOPY : XDP_COPY)),
    };
    result = xsk_socket__create(&xsk->socket, name, queue, xsk->umem, &xsk->rx, &xsk->tx, &socket_config);
    if (result != 0)
    {
        xsk->socket = NULL;
        return result < 0 ? result : -result;
    }
    return 0;
}

void torii_xsk_close(torii_xsk *xsk)
{
    if (xsk == NULL)
    {
        return;
    }
    if (xsk->in_map)
    {
        bpf_map_delete_elem(xsk->map_fd, &xsk->queue);
    }
    if (xsk->socket != NULL)
    {
        xsk_socket__delete(xsk->socket);
    }
    if (xsk->umem != NULL)
    {
        xsk_umem__delete(xsk->umem);
    }
    if (xsk->area != NULL)
    {
        munmap(xsk->area, xsk->area_size);
    }
    free(xsk->free_frames);
    free(xsk);
}

int32_t torii_xsk_open(const char *netns, torii_xdp_prog *prog, uint32_t queue, int32_t bind,
    uint32_t frames, torii_xsk **out)
{
    if (out == NULL || prog == NULL || queue >= prog->max_queues || frames < 64 || frames > 32768 ||
        (frames & (frames - 1)) != 0 || (bind != TORII_XSK_BIND_COPY && bind != TORII_XSK_BIND_ZEROCOPY))
    {
        return -EINVAL;
    }
    *out = NULL;
    torii_xsk *xsk = calloc(1, sizeof(*xsk));
    if (xsk == NULL)
    {
        return -ENOMEM;
    }
    xsk->half = frames / 2;
    xsk->area_size = (size_t)frames * TORII_XSK_FRAME_SIZE;
    xsk->map_fd = prog->map_fd;
    xsk->queue = queue;
    xsk->free_frames = calloc(xsk->half, sizeof(uint64_t));
    void *area = mmap(NULL, xsk->area_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (xsk->free_frames == NULL || area == MAP_FAILED)
    {
        torii_xsk_close(xsk);
        return -ENOMEM;
    }
    xsk->area = area;
    char name[IF_NAMESIZE];
    int saved = -1;
    int result = torii_netns_enter(netns, &saved);
    if (result != 0)
    {
        torii_xsk_close(xsk);
        return result;
    }
    result = if_indextoname((unsigned int)prog->ifindex, name) == NULL ? -errno : open_here(xsk, name, queue, bind);
    const int left = torii_netns_leave(saved);
    result = result != 0 ? result : left;
    if (result == 0)
    {
        uint32_t index = 0;
        if (xsk_ring_prod__reserve(&xsk->fill, xsk->half, &index) != xsk->half)
        {
            result = -ENOMEM;
        }
        else
        {
            for (uint32_t i = 0; i < xsk->half; i++)
            {
                *xsk_ring_prod__fill_addr(&xsk->fill, index + i) = (uint64_t)i * TORII_XSK_FRAME_SIZE;
                xsk->free_frames[i] = (uint64_t)(xsk->half + i) * TORII_XSK_FRAME_SIZE;
            }
            xsk_ring_prod__submit(&xsk->fill, xsk->half);
            xsk->free_count = xsk->half;
            const int fd = xsk_socket__fd(xsk->socket);
            result = bpf_map_update_elem(xsk->map_fd, &xsk->queue, &fd, BPF_ANY);
            xsk->in_map = result == 0;
        }
    }
    if (result != 0)
    {
        torii_xsk_close(xsk);
        return result < 0 ? result : -result;
    }
    *out = xsk;
    return 0;
}

int32_t torii_xsk_fd(const torii_xsk *xsk)
{
    return xsk == NULL ? -EINVAL : xsk_socket__fd(xsk->socket);
}

static int check_batch(const torii_xsk *xsk, const torii_port_msg *msgs, uint32_t count)
{
    return xsk == NULL || msgs == NULL || count < 1 || count > TORII_PORT_MAX_BATCH ? -EINVAL : 0;
}

int32_t torii_xsk_recv(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count)
{
    if (check_batch(xsk, msgs, count) != 0)
    {
        return -EINVAL;
    }
    uint32_t rx_index = 0;
    const uint32_t arrived = xsk_ring_cons__peek(&xsk->rx, count, &rx_index);
    if (arrived == 0)
    {
        if (xsk_ring_prod__needs_wakeup(&xsk->fill))
        {
            recvfrom(xsk_socket__fd(xsk->socket), NULL, 0, MSG_DONTWAIT, NULL, NULL);
        }
        return 0;
    }
    uint32_t fill_index = 0;
    /* Cannot fail: the fill ring holds every RX frame, and these are out of it. */
    if (xsk_ring_prod__reserve(&xsk->fill, arrived, &fill_index) != arrived)
    {
        xsk_ring_cons__cancel(&xsk->rx, arrived);
        return 0;
    }
    int32_t taken = 0;
    for (uint32_t i = 0; i < arrived; i++)
    {
        const struct xdp_desc *desc = xsk_ring_cons__rx_desc(&xsk->rx, rx_index + i);
        torii_port_msg *msg = &msgs[taken];
        if (msg->buffer == 0 || desc->len > msg->length || desc->len > TORII_XSK_FRAME_SIZE)
        {
            xsk->rx_too_long++;
        }
        else
        {
            memcpy((void *)(uintptr_t)msg->buffer, xsk->area + desc->addr, desc->len);
            msg->length = desc->len;
            msg->status = 0;
            msg->flags = 0;
            taken++;
        }
        *xsk_ring_prod__fill_addr(&xsk->fill, fill_index + i) = desc->addr & ~(uint64_t)(TORII_XSK_FRAME_SIZE - 1);
    }
    xsk_ring_prod__submit(&xsk->fill, arrived);
    xsk_ring_cons__release(&xsk->rx, arrived);
    return taken;
}

/* Takes the frames the kernel has finished sending back onto the free stack. */
static void reap_completions(torii_xsk *xsk)
{
    uint32_t index = 0;
    const uint32_t done = xsk_ring_cons__peek(&xsk->comp, xsk->half, &index);
    for (uint32_t i = 0; i < done; i++)
    {
        xsk->free_frames[xsk->free_count++] = *xsk_ring_cons__comp_addr(&xsk->comp, index + i);
    }
    if (done > 0)
    {
        xsk_ring_cons__release(&xsk->comp, done);
    }
}

static int sendable(const torii_port_msg *msg)
{
    return msg->buffer != 0 && msg->length >= 14 && msg->length <= TORII_XSK_FRAME_SIZE;
}

int32_t torii_xsk_send(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count)
{
    if (check_batch(xsk, msgs, count) != 0)
    {
        return -EINVAL;
    }
    reap_completions(xsk);
    uint32_t wanted = 0;
    for (uint32_t i = 0; i < count; i++)
    {
        wanted += sendable(&msgs[i]) ? 1u : 0u;
    }
    const uint32_t queued = wanted < xsk->free_count ? wanted : xsk->free_count;
    uint32_t tx_index = 0;
    /* Cannot fail: the TX ring is as large as the TX frames, and queued of them are free. */
    if (queued > 0 && xsk_ring_prod__reserve(&xsk->tx, queued, &tx_index) != queued)
    {
        return 0;
    }
    uint32_t used = 0;
    for (uint32_t i = 0; i < count; i++)
    {
        torii_port_msg *msg = &msgs[i];
        if (!sendable(msg))
        {
            msg->status = -EINVAL;
            continue;
        }
        if (used == queued)
        {
            msg->status = -ENOBUFS;
            xsk->tx_no_frame++;
            continue;
        }
        const uint64_t frame = xsk->free_frames[--xsk->free_count];
        memcpy(xsk->area + frame, (const void *)(uintptr_t)msg->buffer, msg->length);
        struct xdp_desc *desc = xsk_ring_prod__tx_desc(&xsk->tx, tx_index + used);
        desc->addr = frame;
        desc->len = msg->length;
        desc->options = 0;
        msg->status = 0;
        used++;
    }
    if (queued > 0)
    {
        xsk_ring_prod__submit(&xsk->tx, queued);
    }
    /* Frames still in flight also need the kick: a burst the kernel left (EAGAIN) goes now. */
    if (xsk->free_count < xsk->half && xsk_ring_prod__needs_wakeup(&xsk->tx))
    {
        sendto(xsk_socket__fd(xsk->socket), NULL, 0, MSG_DONTWAIT, NULL, 0);
    }
    return (int32_t)queued;
}

int32_t torii_xsk_stats(const torii_xsk *xsk, uint64_t *out)
{
    if (xsk == NULL || out == NULL)
    {
        return -EINVAL;
    }
    struct xdp_statistics stats;
    memset(&stats, 0, sizeof(stats));
    socklen_t length = sizeof(stats);
    if (getsockopt(xsk_socket__fd(xsk->socket), SOL_XDP, XDP_STATISTICS, &stats, &length) != 0)
    {
        return -errno;
    }
    out[TORII_XSK_STAT_RX_DROPPED] = stats.rx_dropped;
    out[TORII_XSK_STAT_RX_INVALID] = stats.rx_invalid_descs;
    out[TORII_XSK_STAT_TX_INVALID] = stats.tx_invalid_descs;
    out[TORII_XSK_STAT_RX_RING_FULL] = stats.rx_ring_full;
    out[TORII_XSK_STAT_FILL_EMPTY] = stats.rx_fill_ring_empty_descs;
    out[TORII_XSK_STAT_TX_RING_EMPTY] = stats.tx_ring_empty_descs;
    out[TORII_XSK_STAT_RX_TOO_LONG] = xsk->rx_too_long;
    out[TORII_XSK_STAT_TX_NO_FRAME] = xsk->tx_no_frame;
    return 0;
}

static int queue_count_here(const char *name)
{
    struct ethtool_channels channels;
    struct ifreq request;
    memset(&channels, 0, sizeof(channels));
    memset(&request, 0, sizeof(request));
    if (strlen(name) >= sizeof(request.ifr_name))
    {
        return -EINVAL;
    }
    if (if_nametoindex(name) == 0)
    {
        return -ENODEV;
    }
    strcpy(request.ifr_name, name);
    channels.cmd = ETHTOOL_GCHANNELS;
    request.ifr_data = (char *)&channels;
    const int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
    {
        return -errno;
    }
    const int result = ioctl(fd, SIOCETHTOOL, &request);
    const int error = errno;
    close(fd);
    if (result != 0)
    {
        return error == EOPNOTSUPP ? 1 : -error;
    }
    const uint32_t count = channels.rx_count > channels.combined_count ? channels.rx_count : channels.combined_count;
    return count == 0 ? 1 : (int)count;
}

int32_t torii_afxdp_queue_count(const char *netns, const char *name)
{
    if (name == NULL)
    {
        return -EINVAL;
    }
    int saved = -1;
    const int entered = torii_netns_enter(netns, &saved);
    if (entered != 0)
    {
        return entered;
    }
    const int count = queue_count_here(name);
    const int left = torii_netns_leave(saved);
    return left != 0 ? left : count;
}
