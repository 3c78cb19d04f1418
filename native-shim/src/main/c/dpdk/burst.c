/*
 * burst.c: the batch calls of a DPDK port: one rte_eth_rx_burst or rte_eth_tx_burst per call,
 * copying frames between mbufs and the callers' buffers, and the port's statistics.
 */
#include <errno.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "dpdk_internal.h"

static int check_batch(const torii_dpdk_port *port, uint32_t queue, const torii_port_msg *msgs, uint32_t count)
{
    return port == NULL || msgs == NULL || queue >= port->queues || count < 1 || count > TORII_PORT_MAX_BATCH ?
        -EINVAL : 0;
}

/*
 * Sends the frames the kernel wrote into the exception TAP's queue out on the port, so that its
 * ARP and ND answers and IKE reach the wire. What the port does not take is freed and counted.
 */
static void relay_from_kernel(torii_dpdk_port *port, uint16_t queue, uint64_t *counts)
{
    struct rte_mbuf *frames[TORII_PORT_MAX_BATCH];
    const uint16_t arrived = rte_eth_rx_burst(port->exception_id, queue, frames, TORII_PORT_MAX_BATCH);
    if (arrived == 0)
    {
        return;
    }
    const uint16_t sent = rte_eth_tx_burst(port->port_id, queue, frames, arrived);
    counts[TORII_DPDK_STAT_FROM_KERNEL] += sent;
    for (uint16_t i = sent; i < arrived; i++)
    {
        counts[TORII_DPDK_STAT_TX_FULL]++;
        rte_pktmbuf_free(frames[i]);
    }
}

/* Frames that are not the dataplane's: to the exception TAP when there is one, else the kernel has them. */
static void to_kernel(torii_dpdk_port *port, uint16_t queue, struct rte_mbuf **frames, uint16_t count,
    uint64_t *counts)
{
    uint16_t sent = 0;
    if (port->has_exception && count > 0)
    {
        sent = rte_eth_tx_burst(port->exception_id, queue, frames, count);
    }
    counts[TORII_DPDK_STAT_RX_TO_KERNEL] += count;
    for (uint16_t i = sent; i < count; i++)
    {
        rte_pktmbuf_free(frames[i]);
    }
}

int32_t torii_dpdk_recv(torii_dpdk_port *port, uint32_t queue, torii_port_msg *msgs, uint32_t count)
{
    if (check_batch(port, queue, msgs, count) != 0)
    {
        return -EINVAL;
    }
    uint64_t *counts = port->per_queue[queue].counts;
    const uint16_t q = (uint16_t)queue;
    if (port->has_exception)
    {
        relay_from_kernel(port, q, counts);
    }
    struct rte_mbuf *frames[TORII_PORT_MAX_BATCH];
    struct rte_mbuf *kernel[TORII_PORT_MAX_BATCH];
    uint16_t for_kernel = 0;
    const uint16_t arrived = rte_eth_rx_burst(port->port_id, q, frames, (uint16_t)count);
    int32_t taken = 0;
    for (uint16_t i = 0; i < arrived; i++)
    {
        struct rte_mbuf *frame = frames[i];
        const uint32_t length = rte_pktmbuf_pkt_len(frame);
        uint8_t head[TORII_DPDK_CLASSIFY_BYTES];
        const uint32_t head_length = length < sizeof(head) ? length : (uint32_t)sizeof(head);
        const uint8_t *start = rte_pktmbuf_read(frame, 0, head_length, head);
        if (start != NULL && head_length >= 12 && memcmp(start + 6, port->mac, 6) == 0)
        {
            counts[TORII_DPDK_STAT_RX_OWN]++;
            rte_pktmbuf_free(frame);
            continue;
        }
        if (start == NULL || !torii_dpdk_is_dataplane(start, length))
        {
            kernel[for_kernel++] = frame;
            continue;
        }
        torii_port_msg *msg = &msgs[taken];
        if (msg->buffer == 0 || length > msg->length)
        {
            counts[TORII_DPDK_STAT_RX_TOO_LONG]++;
            rte_pktmbuf_free(frame);
            continue;
        }
        uint8_t *buffer = (uint8_t *)(uintptr_t)msg->buffer;
        const uint8_t *data = rte_pktmbuf_read(frame, 0, length, buffer);
        if (data != buffer)
        {
            memcpy(buffer, data, length);
        }
        msg->length = length;
        msg->status = 0;
        msg->flags = 0;
        taken++;
        rte_pktmbuf_free(frame);
    }
    to_kernel(port, q, kernel, for_kernel, counts);
    return taken;
}

static int sendable(const torii_port_msg *msg)
{
    return msg->buffer != 0 && msg->length >= 14 && msg->length <= TORII_DPDK_FRAME_SIZE;
}

int32_t torii_dpdk_send(torii_dpdk_port *port, uint32_t queue, torii_port_msg *msgs, uint32_t count)
{
    if (check_batch(port, queue, msgs, count) != 0)
    {
        return -EINVAL;
    }
    uint64_t *counts = port->per_queue[queue].counts;
    struct rte_mbuf *frames[TORII_PORT_MAX_BATCH];
    uint8_t owner[TORII_PORT_MAX_BATCH];
    uint16_t built = 0;
    for (uint32_t i = 0; i < count; i++)
    {
        torii_port_msg *msg = &msgs[i];
        if (!sendable(msg))
        {
            msg->status = -EINVAL;
            continue;
        }
        struct rte_mbuf *frame = rte_pktmbuf_alloc(port->pool);
        char *data = frame == NULL ? NULL : rte_pktmbuf_append(frame, (uint16_t)msg->length);
        if (data == NULL)
        {
            rte_pktmbuf_free(frame);
            msg->status = -ENOBUFS;
            counts[TORII_DPDK_STAT_TX_NO_MBUF]++;
            continue;
        }
        memcpy(data, (const void *)(uintptr_t)msg->buffer, msg->length);
        msg->status = 0;
        owner[built] = (uint8_t)i;
        frames[built++] = frame;
    }
    const uint16_t sent = built == 0 ? 0 : rte_eth_tx_burst(port->port_id, (uint16_t)queue, frames, built);
    for (uint16_t i = sent; i < built; i++)
    {
        msgs[owner[i]].status = -ENOBUFS;
        counts[TORII_DPDK_STAT_TX_FULL]++;
        rte_pktmbuf_free(frames[i]);
    }
    return sent;
}

int32_t torii_dpdk_stats(const torii_dpdk_port *port, uint64_t *out)
{
    if (port == NULL || out == NULL)
    {
        return -EINVAL;
    }
    memset(out, 0, sizeof(uint64_t) * TORII_DPDK_STAT_COUNT);
    for (uint16_t q = 0; q < port->queues; q++)
    {
        for (int i = 0; i < TORII_DPDK_STAT_COUNT; i++)
        {
            out[i] += port->per_queue[q].counts[i];
        }
    }
    struct rte_eth_stats stats;
    const int result = rte_eth_stats_get(port->port_id, &stats);
    if (result != 0)
    {
        return result < 0 ? result : -result;
    }
    out[TORII_DPDK_STAT_RX_PACKETS] = stats.ipackets;
    out[TORII_DPDK_STAT_RX_MISSED] = stats.imissed;
    out[TORII_DPDK_STAT_RX_ERRORS] = stats.ierrors;
    out[TORII_DPDK_STAT_RX_NO_MBUF] = stats.rx_nombuf;
    out[TORII_DPDK_STAT_TX_PACKETS] = stats.opackets;
    out[TORII_DPDK_STAT_TX_ERRORS] = stats.oerrors;
    return 0;
}
