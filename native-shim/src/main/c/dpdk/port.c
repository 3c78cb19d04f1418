/*
 * port.c: one DPDK Ethernet port with a receive and a transmit queue per worker, its mbuf pool,
 * an optional exception port to the kernel, and the batch calls.
 *
 * The batch calls copy between mbufs and the buffers of torii_port_msg descriptors, as the AF_XDP
 * port copies out of its UMEM: Java keeps its own packet buffers and knows nothing of mbufs.
 *
 * Receive keeps what torii_dpdk_is_dataplane() accepts. The rest (ARP, ND, IKE, the host's
 * traffic) belongs to the kernel: with an exception port (a net_tap vdev whose TAP interface holds
 * the host's address) it is sent there, and what the kernel sends out through that TAP is sent on
 * the port (relayed on each receive call, queue by queue); without one it is freed, which is right
 * for net_af_packet, whose AF_PACKET socket is a tap beside the kernel's stack: the kernel keeps
 * its own copy of every frame. Frames with the port's own source MAC are the host's own traffic
 * seen by such a tap on its way out, and are freed.
 *
 * Open and close run in the given network namespace, because virtual devices create their
 * sockets and TAP interfaces, and net_tap makes its ioctls, in the namespace of the calling thread.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "dpdk_internal.h"

#define DATA_ROOM (TORII_DPDK_FRAME_SIZE + RTE_PKTMBUF_HEADROOM)

static void say(char *log, uint32_t log_len, const char *what, const char *devargs, int error)
{
    if (log_len > 0)
    {
        snprintf(log, log_len, "%s %s: %s", what, devargs, rte_strerror(error < 0 ? -error : error));
    }
}

/* Probes devargs (or finds it already probed) and returns its port id, or a negative errno. */
static int probe(const char *devargs, uint16_t *port_id)
{
    char name[RTE_DEV_NAME_MAX_LEN];
    const size_t length = strcspn(devargs, ",");
    if (length == 0 || length >= sizeof(name))
    {
        return -EINVAL;
    }
    memcpy(name, devargs, length);
    name[length] = '\0';
    const int result = rte_dev_probe(devargs);
    if (result != 0 && result != -EEXIST)
    {
        return result < 0 ? result : -result;
    }
    return rte_eth_dev_get_port_by_name(name, port_id) == 0 ? 0 : -ENODEV;
}

static void release(uint16_t port_id)
{
    struct rte_eth_dev_info info;
    rte_eth_dev_stop(port_id);
    if (rte_eth_dev_info_get(port_id, &info) == 0 && info.device != NULL && rte_dev_remove(info.device) == 0)
    {
        return;
    }
    rte_eth_dev_close(port_id);
}

static int setup(uint16_t port_id, uint16_t rx_queues, uint16_t tx_queues, uint16_t ring, struct rte_mempool *pool)
{
    struct rte_eth_dev_info info;
    int result = rte_eth_dev_info_get(port_id, &info);
    if (result != 0)
    {
        return result;
    }
    if (info.max_rx_queues < rx_queues || info.max_tx_queues < tx_queues)
    {
        return -ERANGE;
    }
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof(conf));
    result = rte_eth_dev_configure(port_id, rx_queues, tx_queues, &conf);
    uint16_t rx_ring = ring;
    uint16_t tx_ring = ring;
    result = result != 0 ? result : rte_eth_dev_adjust_nb_rx_tx_desc(port_id, &rx_ring, &tx_ring);
    const int socket = rte_eth_dev_socket_id(port_id);
    const unsigned int numa = socket < 0 ? (unsigned int)SOCKET_ID_ANY : (unsigned int)socket;
    for (uint16_t q = 0; result == 0 && q < rx_queues; q++)
    {
        result = rte_eth_rx_queue_setup(port_id, q, rx_ring, numa, NULL, pool);
    }
    for (uint16_t q = 0; result == 0 && q < tx_queues; q++)
    {
        result = rte_eth_tx_queue_setup(port_id, q, tx_ring, numa, NULL);
    }
    return result != 0 ? result : rte_eth_dev_start(port_id);
}

static int open_here(torii_dpdk_port *port, const char *devargs, const char *exception, uint16_t ring,
    uint32_t mbufs, char *log, uint32_t log_len)
{
    int result = probe(devargs, &port->port_id);
    if (result != 0)
    {
        say(log, log_len, "cannot probe", devargs, result);
        return result;
    }
    char pool_name[RTE_MEMPOOL_NAMESIZE];
    snprintf(pool_name, sizeof(pool_name), "torii_%u", port->port_id);
    port->pool = rte_pktmbuf_pool_create(pool_name, mbufs, 0, 0, DATA_ROOM, SOCKET_ID_ANY);
    if (port->pool == NULL)
    {
        result = -rte_errno;
        say(log, log_len, "no mbuf pool for", devargs, result);
        release(port->port_id);
        return result;
    }
    result = setup(port->port_id, port->queues, port->queues, ring, port->pool);
    if (result != 0)
    {
        say(log, log_len, result == -ERANGE ? "too few queues (net_af_packet: add qpairs=N) on" : "cannot start",
            devargs, result);
        release(port->port_id);
        return result;
    }
    struct rte_ether_addr mac;
    rte_eth_macaddr_get(port->port_id, &mac);
    memcpy(port->mac, mac.addr_bytes, sizeof(port->mac));
    if (exception == NULL || exception[0] == '\0')
    {
        return 0;
    }
    result = probe(exception, &port->exception_id);
    if (result == 0)
    {
        /* The kernel answers ARP and ND for the port: its TAP must carry the port's MAC. */
        rte_eth_dev_default_mac_addr_set(port->exception_id, &mac);
        result = setup(port->exception_id, port->queues, port->queues, ring, port->pool);
        if (result != 0)
        {
            release(port->exception_id);
        }
    }
    if (result != 0)
    {
        say(log, log_len, "cannot open the exception port", exception, result);
        release(port->port_id);
        return result;
    }
    port->has_exception = 1;
    return 0;
}

int32_t torii_dpdk_port_open(const char *netns, const char *devargs, const char *exception, uint32_t queues,
    uint32_t ring, uint32_t mbufs, torii_dpdk_port **out, char *log, uint32_t log_len)
{
    if (out == NULL || devargs == NULL || queues < 1 || queues > TORII_DPDK_MAX_QUEUES || ring < 64 ||
        ring > 4096 || mbufs < 512 || (log == NULL && log_len > 0) || (netns != NULL && strlen(netns) >= 256))
    {
        return -EINVAL;
    }
    *out = NULL;
    if (!torii_dpdk_eal_running())
    {
        return -ENXIO;
    }
    torii_dpdk_port *port = calloc(1, sizeof(*port));
    struct queue_counts *per_queue = calloc(queues, sizeof(*per_queue));
    if (port == NULL || per_queue == NULL)
    {
        free(port);
        free(per_queue);
        return -ENOMEM;
    }
    port->queues = (uint16_t)queues;
    port->per_queue = per_queue;
    snprintf(port->netns, sizeof(port->netns), "%s", netns == NULL ? "" : netns);
    int saved = -1;
    int result = torii_netns_enter(netns, &saved);
    if (result == 0)
    {
        result = open_here(port, devargs, exception, (uint16_t)ring, mbufs, log, log_len);
        const int left = torii_netns_leave(saved);
        result = result != 0 ? result : left;
    }
    else
    {
        say(log, log_len, "cannot enter the namespace of", devargs, result);
    }
    if (result != 0)
    {
        if (port->pool != NULL)
        {
            rte_mempool_free(port->pool);
        }
        free(per_queue);
        free(port);
        return result;
    }
    *out = port;
    return 0;
}

int32_t torii_dpdk_port_mac(const torii_dpdk_port *port, uint8_t *out)
{
    if (port == NULL || out == NULL)
    {
        return -EINVAL;
    }
    memcpy(out, port->mac, sizeof(port->mac));
    return port->port_id;
}

void torii_dpdk_port_close(torii_dpdk_port *port)
{
    if (port == NULL)
    {
        return;
    }
    int saved = -1;
    const int entered = torii_netns_enter(port->netns[0] == '\0' ? NULL : port->netns, &saved);
    if (port->has_exception)
    {
        release(port->exception_id);
    }
    release(port->port_id);
    if (entered == 0)
    {
        torii_netns_leave(saved);
    }
    rte_mempool_free(port->pool);
    free(port->per_queue);
    free(port);
}
