/*
 * dpdk_internal.h: what the files of libtorii_dpdk.so share. Not part of the ABI.
 */
#ifndef TORII_DPDK_INTERNAL_H
#define TORII_DPDK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <rte_mempool.h>

#include "torii_shim.h"

#pragma GCC visibility push(hidden)

/*
 * Whether a frame of length bytes is the dataplane's (ESP, or ESP-in-UDP on port 4500 without the
 * non-ESP marker): the rule of the AF_XDP port's XDP program (afxdp/program.c), in C. frame holds
 * at least the first min(length, TORII_DPDK_CLASSIFY_BYTES) bytes.
 */
#define TORII_DPDK_CLASSIFY_BYTES 64
int torii_dpdk_is_dataplane(const uint8_t *frame, uint32_t length);

/* Whether torii_dpdk_eal_init() succeeded in this process. */
int torii_dpdk_eal_running(void);

/* A port's counters kept by the shim, per queue (each written by its queue's thread). */
struct queue_counts
{
    uint64_t counts[TORII_DPDK_STAT_COUNT];
};

/* A port (see port.c). */
struct torii_dpdk_port
{
    uint16_t port_id;
    uint16_t exception_id;
    int has_exception;
    uint16_t queues;
    uint8_t mac[6];
    struct rte_mempool *pool;
    char netns[256];
    struct queue_counts *per_queue;
};

/* Moves the thread into the namespace at path and back (see ports/netns.c). */
int torii_netns_enter(const char *path, int *saved);
int torii_netns_leave(int saved);

#pragma GCC visibility pop

#endif /* TORII_DPDK_INTERNAL_H */
