/*
 * afxdp_internal.h: what the files of libtorii_afxdp.so share. Not part of the ABI.
 */
#ifndef TORII_AFXDP_INTERNAL_H
#define TORII_AFXDP_INTERNAL_H

#include <linux/bpf.h>
#include <stddef.h>

#include "torii_shim.h"

#pragma GCC visibility push(hidden)

/* The program attached to one interface, and what detaching needs. */
struct torii_xdp_prog
{
    int prog_fd;
    int map_fd;
    int ifindex;
    uint32_t attach_flags;
    uint32_t max_queues;
    char netns[256];
};

/*
 * Writes Torii's XDP program into insns (room for TORII_XDP_MAX_INSNS), referring to the XSKMAP
 * map_fd. Returns the number of instructions.
 */
#define TORII_XDP_MAX_INSNS 96
size_t torii_xdp_build_program(struct bpf_insn *insns, int map_fd);

/* Moves the thread into the namespace at path and back (see ports/netns.c). */
int torii_netns_enter(const char *path, int *saved);
int torii_netns_leave(int saved);

#pragma GCC visibility pop

#endif /* TORII_AFXDP_INTERNAL_H */
