/*
 * ports_internal.h: what the packet-port files of libtorii_shim.so share. Not part of the ABI.
 */
#ifndef TORII_PORTS_INTERNAL_H
#define TORII_PORTS_INTERNAL_H

#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>

#include "torii_shim.h"

/* The layout Java's PortMessageArray mirrors; a change here is an ABI change. */
_Static_assert(sizeof(torii_port_msg) == 64, "torii_port_msg must be one cache line");
_Static_assert(offsetof(torii_port_msg, length) == 8, "torii_port_msg.length");
_Static_assert(offsetof(torii_port_msg, status) == 12, "torii_port_msg.status");
_Static_assert(offsetof(torii_port_msg, peer) == 16, "torii_port_msg.peer");
_Static_assert(offsetof(torii_port_msg, local) == 32, "torii_port_msg.local");
_Static_assert(offsetof(torii_port_msg, scope_id) == 48, "torii_port_msg.scope_id");
_Static_assert(offsetof(torii_port_msg, port) == 52, "torii_port_msg.port");
_Static_assert(offsetof(torii_port_msg, flags) == 54, "torii_port_msg.flags");
_Static_assert(offsetof(torii_port_msg, family) == 56, "torii_port_msg.family");
_Static_assert(offsetof(torii_port_msg, hop_limit) == 57, "torii_port_msg.hop_limit");
_Static_assert(offsetof(torii_port_msg, tclass) == 58, "torii_port_msg.tclass");

/* Either socket address family, sized for the larger. */
typedef union torii_sockaddr {
    struct sockaddr sa;
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
} torii_sockaddr;

/* The helpers below are shared by the port files only: not exported from the library. */
#pragma GCC visibility push(hidden)

/*
 * Moves the calling thread into the network namespace at path (NULL or "": stays). *saved gets
 * what torii_netns_leave() needs to come back (-1 when nothing changed). 0 or a negative errno.
 */
int torii_netns_enter(const char *path, int *saved);

/* Returns the thread to the namespace torii_netns_enter() left: 0 or a negative errno. */
int torii_netns_leave(int saved);

/*
 * Fills out for family (TORII_PORT_FAMILY_*), address (4 or 16 bytes; NULL: the wildcard),
 * scope and port. 0 or -EINVAL.
 */
int torii_sockaddr_make(
    int32_t family, const uint8_t *address, uint32_t scope_id, int32_t port, torii_sockaddr *out, socklen_t *length);

/* 1 when the 4 or 16 address bytes of family are all zero (or address is NULL). */
int torii_address_is_wildcard(int32_t family, const uint8_t *address);

/* setsockopt of an int: 0 or a negative errno. */
int torii_set_int(int fd, int level, int name, int value);

/* SO_RCVBUF/SO_SNDBUF when > 0, preferring the FORCE variants: 0 or a negative errno. */
int torii_set_buffers(int fd, int32_t rcvbuf, int32_t sndbuf);

/* EINVAL unless fd >= 0, msgs is not NULL and count is 1 to TORII_PORT_MAX_BATCH; else 0. */
int torii_check_batch(int32_t fd, const torii_port_msg *msgs, uint32_t count);

/* EINVAL unless the message's length and buffer can be handed to the kernel; else 0. */
int torii_check_buffer(const torii_port_msg *msg);

/*
 * Whether an error from sending one packet concerns only that packet (the burst goes on) or the
 * socket or device as a whole (the burst stops: full, closed, not a socket).
 */
int torii_error_stops_burst(int error);

#pragma GCC visibility pop

#endif /* TORII_PORTS_INTERNAL_H */
