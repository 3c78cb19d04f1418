/*
 * torii_shim.h: the one header of Torii's native shim, for both of its libraries:
 * libtorii_shim.so (CPU probe and packet ports; needs nothing but libc) and libtorii_ipsecmb.so
 * (ESP and AH crypto over Intel ipsec-mb, built only where ipsec-mb is installed).
 *
 * Java binds every symbol declared here through java.lang.foreign (see
 * io.torii.nativeshim.ShimLibrary, PortLibrary and IpsecMbLibrary). Java checks each library's
 * ABI version at load and refuses a library whose version differs, so a stale library never gets
 * called with the wrong argument layout. Bump a library's version whenever a signature or a
 * struct layout of it here changes.
 */
#ifndef TORII_SHIM_H
#define TORII_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TORII_SHIM_ABI_VERSION 2

/*
 * CPU capability bits returned by torii_cpu_features(). The bit positions are part of the ABI:
 * io.torii.nativeshim.CpuFeature mirrors them.
 */
#define TORII_CPU_AESNI      (1ULL << 0) /* CPUID.1:ECX[25]                        */
#define TORII_CPU_PCLMULQDQ  (1ULL << 1) /* CPUID.1:ECX[1]                         */
#define TORII_CPU_AVX2       (1ULL << 2) /* CPUID.7.0:EBX[5], with OS YMM state    */
#define TORII_CPU_AVX512F    (1ULL << 3) /* CPUID.7.0:EBX[16], with OS ZMM state   */
#define TORII_CPU_VAES       (1ULL << 4) /* CPUID.7.0:ECX[9], with OS YMM state    */
#define TORII_CPU_VPCLMULQDQ (1ULL << 5) /* CPUID.7.0:ECX[10], with OS YMM state   */
#define TORII_CPU_SHANI      (1ULL << 6) /* CPUID.7.0:EBX[29]                      */

/* The ABI version this library was compiled with. */
int32_t torii_shim_abi_version(void);

/*
 * Features this CPU has and the operating system has enabled (XSAVE state for the AVX
 * registers is checked through XGETBV, so a feature the kernel masks off is reported absent).
 */
uint64_t torii_cpu_features(void);

/* ============================================================================================
 * Packet ports (libtorii_shim.so, ABI version 2): UDP and raw IP sockets and TUN devices, for
 * io.torii.nativeshim.PortHandle and PortMessageArray and the dataplane's ports over them.
 *
 * Every call returns a count or a file descriptor (>= 0), or a negative errno. Nothing here
 * blocks except torii_port_poll(): sockets and TUN queues are opened non-blocking and close-on-
 * exec. The batch calls take an array of torii_port_msg descriptors and make one pass over it
 * per call (one recvmmsg/sendmmsg, or a loop of read()/write() until EAGAIN or the end), so a
 * burst costs one downcall. What C can check (null pointers, counts, lengths, address families)
 * yields EINVAL; buffer addresses are handed to the kernel, which answers EFAULT for unmapped
 * ones, and Java derives them from memory it owns.
 *
 * Network namespaces: each open call takes netns, the path of a namespace file (such as
 * /run/netns/NAME), or NULL for the caller's. The calling thread enters that namespace, creates
 * the socket or TUN queue (which stays in it for life) and returns to its own namespace before
 * the call returns, so no Java thread is ever left in another namespace. Entering needs
 * CAP_SYS_ADMIN.
 * ============================================================================================ */

/* Most descriptors one batch call takes. */
#define TORII_PORT_MAX_BATCH 64
/* Largest length of one packet or datagram buffer. */
#define TORII_PORT_MAX_LENGTH 65535
/* Bytes of an interface name buffer, the terminating NUL included (the kernel's IFNAMSIZ). */
#define TORII_PORT_IFNAMSIZ 16

/* Address families in torii_port_msg.family and the open calls: the IP version. */
#define TORII_PORT_FAMILY_IPV4 4
#define TORII_PORT_FAMILY_IPV6 6

/* Open options. */
#define TORII_PORT_OPT_REUSEADDR   (1u << 0) /* UDP: SO_REUSEADDR                              */
#define TORII_PORT_OPT_MULTI_QUEUE (1u << 1) /* TUN: IFF_MULTI_QUEUE, one fd per queue          */
#define TORII_PORT_OPT_UP          (1u << 2) /* TUN: set IFF_UP on the interface (SIOCSIFFLAGS)  */

/* torii_port_msg.flags: which optional fields hold a value. */
#define TORII_PORT_MSG_LOCAL    (1u << 0) /* local: receive: the datagram's destination address
                                             (IP_PKTINFO/IPV6_PKTINFO); send: the source
                                             address to use                                   */
#define TORII_PORT_MSG_HOPLIMIT (1u << 1) /* hop_limit: receive: the IPv4 TTL or IPv6 hop limit
                                             it arrived with; send: the one to send with       */
#define TORII_PORT_MSG_TCLASS   (1u << 2) /* tclass: the IPv4 TOS or IPv6 traffic class, ECN
                                             bits included; as for hop_limit                  */
#define TORII_PORT_MSG_TRUNC    (1u << 3) /* receive: the datagram was longer than the buffer
                                             and was cut to length                            */

/*
 * One packet for the batch calls: 64 bytes, one cache line; addresses in network byte order,
 * everything else in host byte order.
 *
 *   offset  size  field
 *        0     8  buffer     address of the bytes: where a received packet goes, or what is sent
 *        8     4  length     receive: in, the buffer's capacity; out, the bytes received.
 *                            send, write: the bytes to send (0 to TORII_PORT_MAX_LENGTH)
 *       12     4  status     out: 0, or the negative errno that dropped this packet (send, write)
 *       16    16  peer       receive: the sender's address; send: the destination (sockets only;
 *                            IPv4 in the first 4 bytes)
 *       32    16  local      see TORII_PORT_MSG_LOCAL
 *       48     4  scope_id   IPv6 scope (interface index) of peer, 0 for global addresses
 *       52     2  port       the peer's UDP port; 0 for raw sockets
 *       54     2  flags      TORII_PORT_MSG_*: out on receive, in on send
 *       56     1  family     TORII_PORT_FAMILY_*: out on receive, in on send (sockets only)
 *       57     1  hop_limit  see TORII_PORT_MSG_HOPLIMIT
 *       58     1  tclass     see TORII_PORT_MSG_TCLASS
 *       59     5  reserved   zero
 */
typedef struct torii_port_msg {
    uint64_t buffer;
    uint32_t length;
    int32_t status;
    uint8_t peer[16];
    uint8_t local[16];
    uint32_t scope_id;
    uint16_t port;
    uint16_t flags;
    uint8_t family;
    uint8_t hop_limit;
    uint8_t tclass;
    uint8_t reserved[5];
} torii_port_msg;

/*
 * A non-blocking UDP socket bound to address (4 or 16 bytes as family says; all zero for the
 * wildcard) and port (0: the kernel picks one; torii_port_local_port() tells which). IPv6
 * sockets are IPv6-only. Receiving reports destination address, TTL/hop limit and TOS/traffic
 * class of each datagram. rcvbuf and sndbuf, when > 0, set SO_RCVBUF/SO_SNDBUF (with the FORCE
 * variants where the caller may, so that net.core.rmem_max does not cap them). options:
 * TORII_PORT_OPT_REUSEADDR. Returns the fd or a negative errno.
 */
int32_t torii_port_udp_open(
    const char *netns,
    int32_t family,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t port,
    int32_t rcvbuf,
    int32_t sndbuf,
    uint32_t options);

/*
 * A non-blocking raw IP socket for protocol (1 to 255; Torii uses 50, ESP, and 51, AH), bound
 * to address unless it is all zero. IPv4: IP_HDRINCL is on, so receive delivers the IP header
 * and send takes a whole packet whose header goes out as built, except that the kernel always
 * fills in the total length and header checksum, and the identification and source address when
 * they are zero. IPv6: the kernel delivers and takes the payload after the IPv6 header only;
 * receive reports the destination address, hop limit and traffic class. Returns the fd or a
 * negative errno (EPERM without CAP_NET_RAW).
 */
int32_t torii_port_raw_open(
    const char *netns,
    int32_t family,
    int32_t protocol,
    const uint8_t *address,
    uint32_t scope_id,
    int32_t rcvbuf,
    int32_t sndbuf,
    uint32_t options);

/* The port a socket is bound to, or a negative errno. */
int32_t torii_port_local_port(int32_t fd);

/* The socket's SO_RCVBUF (send = 0) or SO_SNDBUF (send = 1) as the kernel reports it. */
int32_t torii_port_buffer_size(int32_t fd, int32_t send);

/*
 * Receives up to count datagrams (1 to TORII_PORT_MAX_BATCH) with one recvmmsg(MSG_DONTWAIT)
 * into msgs[i].buffer, msgs[i].length bytes each. Returns how many arrived, 0 when none was
 * waiting, or a negative errno when the first receive failed (an error after the first is
 * reported by the next call). Sets length, peer, port, scope_id, family, flags and the optional
 * fields of each message received.
 */
int32_t torii_port_recv(int32_t fd, torii_port_msg *msgs, uint32_t count);

/*
 * Sends msgs[0..count) (1 to TORII_PORT_MAX_BATCH) with sendmmsg(MSG_DONTWAIT): buffer and
 * length to peer/port (scope_id for IPv6), with the source address, hop limit and traffic class
 * of the optional fields as control messages. A message the kernel refuses (EMSGSIZE, an
 * unreachable network, a bad source address) gets its errno in status and the rest still go; when
 * the socket is full (EAGAIN, ENOBUFS) it and all that follow get that errno. Returns how many
 * were sent (each with status 0), or a negative errno for bad arguments (nothing sent).
 */
int32_t torii_port_send(int32_t fd, torii_port_msg *msgs, uint32_t count);

/*
 * Opens a queue of a TUN device (IFF_TUN | IFF_NO_PI; IFF_MULTI_QUEUE with that option), non-
 * blocking, creating the interface name (which may hold one %d for the kernel to number) or
 * attaching to it. With mtu > 0 sets the interface's MTU (SIOCSIFMTU); with TORII_PORT_OPT_UP
 * brings it up (SIOCSIFFLAGS). name_out (TORII_PORT_IFNAMSIZ bytes) receives the name the
 * kernel gave. A device this call created goes away when its last queue closes. Returns the fd
 * or a negative errno; on an error nothing stays open.
 */
int32_t torii_port_tun_open(
    const char *netns,
    const char *name,
    uint32_t options,
    int32_t mtu,
    char *name_out);

/*
 * Reads up to count packets (1 to TORII_PORT_MAX_BATCH) from a TUN queue, one read() each into
 * msgs[i].buffer (capacity msgs[i].length), until the queue is empty. Returns how many were read
 * (their length set), or a negative errno when the first read failed for another reason than an
 * empty queue. TUN cuts a packet longer than the buffer and reports only the bytes it copied, so
 * a packet that fills its buffer is flagged TORII_PORT_MSG_TRUNC: make each buffer one byte
 * longer than the longest packet to accept.
 */
int32_t torii_port_tun_read(int32_t fd, torii_port_msg *msgs, uint32_t count);

/*
 * Writes msgs[0..count) (1 to TORII_PORT_MAX_BATCH) to a TUN queue, one write() each. A packet
 * the kernel refuses (EINVAL: not IPv4 or IPv6) gets its errno in status and the rest still go;
 * EAGAIN stops the burst as for torii_port_send. Returns how many were written, or a negative
 * errno for bad arguments.
 */
int32_t torii_port_tun_write(int32_t fd, torii_port_msg *msgs, uint32_t count);

/*
 * Waits up to timeout_ms (-1: for ever) for fd to become readable: 1 when it is, 0 on timeout,
 * or a negative errno. For idle strategies that would rather block than spin, and for tests.
 */
int32_t torii_port_poll(int32_t fd, int32_t timeout_ms);

/* Closes a socket or TUN queue: 0 or a negative errno. */
int32_t torii_port_close(int32_t fd);

/*
 * Writes the text of errno error (positive or negative) into buf, NUL-terminated and cut to
 * len bytes. Returns the text's length, or EINVAL for a null buf or len 0.
 */
int32_t torii_port_strerror(int32_t error, char *buf, uint32_t len);

/* ============================================================================================
 * libtorii_ipsecmb.so: ESP and AH crypto over Intel ipsec-mb (built and tested with 1.3).
 *
 * A second library, so that a machine without ipsec-mb still loads libtorii_shim.so; Java
 * (io.torii.nativeshim.IpsecMbLibrary) binds these symbols and checks
 * torii_ipsecmb_abi_version() against TORII_IPSECMB_ABI_VERSION at load. Bump it whenever a
 * signature, a constant or a struct layout below changes.
 *
 * Threads: a manager belongs to one thread at a time (one per worker). A key schedule is
 * written by seal (its IV state), so each SA direction's schedule belongs to the worker that owns
 * the SA; any number of managers of the same architecture may read a schedule used only by open,
 * verify or sign.
 *
 * Nothing here crashes on a bad job: what C can check (null or wiped key, a key of another
 * architecture, lengths) yields TORII_IPSECMB_STATUS_INVALID for that job. Addresses that point
 * at unmapped memory cannot be checked; Java checks them against their segments first.
 * ============================================================================================ */

#define TORII_IPSECMB_ABI_VERSION 1

/* Architectures, for torii_ipsecmb_mgr_create(). AUTO picks the best the CPU runs. */
#define TORII_IPSECMB_ARCH_AUTO   0
#define TORII_IPSECMB_ARCH_SSE    1 /* AES-NI, PCLMULQDQ, SSE4.2 (and SHA-NI when present)   */
#define TORII_IPSECMB_ARCH_AVX    2 /* the above and AVX                                      */
#define TORII_IPSECMB_ARCH_AVX2   3 /* the above and AVX2, BMI2                               */
#define TORII_IPSECMB_ARCH_AVX512 4 /* the above and AVX-512 F/DQ/CD/BW/VL (VAES when present) */

/* Results of the set-up calls: 0 or one of these negative codes. */
#define TORII_IPSECMB_OK            0
#define TORII_IPSECMB_EINVAL       -1 /* null pointer, unknown id, wrong length or alignment   */
#define TORII_IPSECMB_EUNSUPPORTED -2 /* this CPU cannot run the requested architecture        */
#define TORII_IPSECMB_ENOMEM       -3 /* out of memory                                         */
#define TORII_IPSECMB_ELIBRARY     -4 /* ipsec-mb reported an error                            */

/*
 * Ciphers. The key material passed to torii_ipsecmb_key_init() for each:
 *   NULL                no key (ESP with NULL encryption, RFC 2410, or AH)
 *   AES_CBC_128/256     the 16/32-byte AES key (RFC 3602); needs an HMAC
 *   AES_GCM_128/256     the 16/32-byte key then the 4-byte salt (RFC 4106 section 8.1)
 *   CHACHA20_POLY1305   the 32-byte key then the 4-byte salt (RFC 7634 section 2)
 *   AES_GMAC_128/256    the 16/32-byte key then the 4-byte salt (RFC 4543 section 3.2)
 */
#define TORII_IPSECMB_CIPHER_NULL              0
#define TORII_IPSECMB_CIPHER_AES_CBC_128       1
#define TORII_IPSECMB_CIPHER_AES_CBC_256       2
#define TORII_IPSECMB_CIPHER_AES_GCM_128       3
#define TORII_IPSECMB_CIPHER_AES_GCM_256       4
#define TORII_IPSECMB_CIPHER_CHACHA20_POLY1305 5
#define TORII_IPSECMB_CIPHER_AES_GMAC_128      6
#define TORII_IPSECMB_CIPHER_AES_GMAC_256      7

/*
 * Integrity (RFC 4868), ICV = leftmost 16/24/32 bytes of HMAC-SHA-256/384/512. NONE only with
 * the combined modes (GCM, ChaCha20-Poly1305, GMAC); CBC and NULL need one. HMAC keys may be of
 * any length from 1 to TORII_IPSECMB_MAX_HMAC_KEY (longer than the hash block: hashed first, as
 * RFC 2104 says); RFC 4868 keys are as long as the hash output, which Java enforces.
 */
#define TORII_IPSECMB_INTEG_NONE              0
#define TORII_IPSECMB_INTEG_HMAC_SHA2_256_128 1
#define TORII_IPSECMB_INTEG_HMAC_SHA2_384_192 2
#define TORII_IPSECMB_INTEG_HMAC_SHA2_512_256 3

#define TORII_IPSECMB_MAX_HMAC_KEY  1024
/* CBC only: 16-byte IV key then 8-byte counter prefix, both from a CSPRNG (see the IV note). */
#define TORII_IPSECMB_IV_SEED_LEN   24
/* Most jobs one batch call takes. */
#define TORII_IPSECMB_MAX_BATCH     64
/* Largest icv_offset (ESP) or length (AH): an IP packet is at most 65535 bytes. */
#define TORII_IPSECMB_MAX_LENGTH    65535
/* Key schedules must start on a multiple of this. */
#define TORII_IPSECMB_KEY_ALIGN     64

/* Job status, written into each job by the batch calls. */
#define TORII_IPSECMB_STATUS_OK          0
#define TORII_IPSECMB_STATUS_AUTH_FAILED 1 /* ICV mismatch: open/verify left the data as it was   */
#define TORII_IPSECMB_STATUS_INVALID     2 /* bad job: null or wiped key, wrong key kind or arch,
                                              lengths (CBC data not whole 16-byte blocks, too
                                              short for header and IV, over the maximum)         */
#define TORII_IPSECMB_STATUS_IV_REUSE    3 /* seal: the 64-bit sequence number (the explicit IV
                                              of GCM, GMAC, ChaCha20-Poly1305) does not exceed
                                              the last one sealed with this key; nothing written */

/* Job flags. */
#define TORII_IPSECMB_JOB_ESN      (1u << 0) /* extended sequence numbers: seq_high is authenticated */
#define TORII_IPSECMB_JOB_IV_GIVEN (1u << 1) /* seal, GCM/GMAC/ChaCha/CBC: keep the IV already in the
                                                packet instead of writing one. For known-answer tests
                                                only; the IV_REUSE check still applies to it.       */

/*
 * One ESP packet for torii_ipsecmb_esp_seal()/open(): 64 bytes, one cache line, host byte order.
 *
 *   offset  size  field
 *        0     8  packet      address of the ESP header (the SPI)
 *        8     8  key         address of a key schedule set up by torii_ipsecmb_key_init()
 *       16     4  icv_offset  trailer end (the byte after next header) minus the ESP header:
 *                             where the ICV starts
 *       20     4  seq_high    high 32 bits of the 64-bit sequence number (the low 32 bits are
 *                             the packet's sequence number field)
 *       24     4  flags       TORII_IPSECMB_JOB_*
 *       28     4  status      out: TORII_IPSECMB_STATUS_*
 *       32    32  reserved    zero
 *
 * The packet, with IV length v (8 for GCM, GMAC, ChaCha20-Poly1305; 16 for CBC; 0 for NULL):
 *
 *   packet + 0            SPI (4) | sequence number, low 32 bits (4)           big-endian
 *   packet + 8            IV (v)
 *   packet + 8 + v        payload | padding | pad length | next header         (encrypted)
 *   packet + icv_offset   ICV (16 for the combined modes; 16/24/32 for the HMACs)
 *
 * seal, per cipher (S = SPI, Q = low sequence bits as in the packet, H = seq_high):
 *   GCM, ChaCha20-Poly1305  IV = the 64-bit sequence number H||Q, big-endian; nonce = salt || IV;
 *                           AAD = S||Q, or S||H||Q with ESN (RFC 4106 section 5, RFC 7634 2.1);
 *                           encrypts [8 + v, icv_offset); the 16-byte tag is the ICV.
 *   GMAC                    IV and nonce as GCM; nothing encrypted; AAD = S||Q, or S||H||Q with
 *                           ESN, followed by everything from the IV to the trailer end
 *                           (RFC 4543 sections 3.2, 3.3, 5); the 16-byte tag is the ICV.
 *   CBC + HMAC              IV = a fresh unpredictable block (see below); encrypts
 *                           [24, icv_offset), which must be whole 16-byte blocks; ICV = the
 *                           truncated HMAC of [0, icv_offset), followed by H (4 bytes,
 *                           big-endian) with ESN (RFC 4303 section 2.2.1).
 *   NULL + HMAC             no IV, nothing encrypted, ICV as for CBC.
 * open compares the ICV in constant time and on a mismatch sets AUTH_FAILED and leaves the
 * packet as received: CBC is decrypted only after the ICV verified; the combined modes decrypt
 * in place while computing the tag, and when it differs the same keystream is applied again,
 * restoring the ciphertext (a second pass only for forged packets). With ESN the HMAC suites
 * borrow the 4 bytes at packet + icv_offset for H, since the MAC's input must be contiguous:
 * seal's ICV then overwrites them, open puts the received bytes back before comparing.
 */
typedef struct torii_ipsecmb_esp_job {
    uint64_t packet;
    uint64_t key;
    uint32_t icv_offset;
    uint32_t seq_high;
    uint32_t flags;
    int32_t status;
    uint8_t reserved[32];
} torii_ipsecmb_esp_job;

/*
 * One AH computation (RFC 4302) for torii_ipsecmb_ah_sign()/verify(): 64 bytes, host byte order.
 *
 *   offset  size  field
 *        0     8  data      address of the bytes to authenticate, mutable fields already zeroed
 *        8     8  key       address of a key schedule with cipher NULL and an HMAC
 *       16     8  icv       sign: where the ICV is written (may lie inside data: it is written
 *                           after data was read); verify: the ICV received, compared in constant
 *                           time
 *       24     4  length    bytes at data, 1 to TORII_IPSECMB_MAX_LENGTH (ipsec-mb takes no
 *                           empty HMAC input; AH never has one)
 *       28     4  seq_high  appended to the MAC input (4 bytes, big-endian) with ESN
 *                           (RFC 4302 section 2.5.1)
 *       32     4  flags     TORII_IPSECMB_JOB_ESN
 *       36     4  status    out: TORII_IPSECMB_STATUS_*
 *       40    24  reserved  zero
 */
typedef struct torii_ipsecmb_ah_job {
    uint64_t data;
    uint64_t key;
    uint64_t icv;
    uint32_t length;
    uint32_t seq_high;
    uint32_t flags;
    int32_t status;
    uint8_t reserved[24];
} torii_ipsecmb_ah_job;

/* Opaque: a per-thread ipsec-mb manager and Torii's scratch. */
typedef struct torii_ipsecmb_mgr torii_ipsecmb_mgr;

/* The ABI version this library was compiled with. */
int32_t torii_ipsecmb_abi_version(void);

/* The version of the ipsec-mb library loaded, as IMB_VERSION(major, minor, patch) makes it. */
uint32_t torii_ipsecmb_library_version(void);

/* 1 when this CPU can run the architecture (AUTO: when it can run any), else 0. */
int32_t torii_ipsecmb_arch_supported(int32_t arch);

/*
 * Allocates and initialises a manager for arch. Refuses a forced architecture the CPU lacks
 * (EUNSUPPORTED), checking ipsec-mb's view of the CPU before ipsec-mb's init runs; AUTO
 * refuses only a CPU without AES-NI. On success *out holds the manager, else NULL.
 */
int32_t torii_ipsecmb_mgr_create(int32_t arch, torii_ipsecmb_mgr **out);

/* The architecture the manager runs (never AUTO), or EINVAL for NULL. */
int32_t torii_ipsecmb_mgr_arch(const torii_ipsecmb_mgr *mgr);

/* Frees the manager; NULL is ignored. */
void torii_ipsecmb_mgr_free(torii_ipsecmb_mgr *mgr);

/*
 * Bytes of one key schedule: the same for every cipher and integrity algorithm, a multiple of
 * TORII_IPSECMB_KEY_ALIGN. Layout (all offsets from the schedule's start):
 *
 *   offset  size  field
 *        0     4  magic       0x544B5331 ("TKS1") while set up; 0 after a wipe
 *        4     2  cipher      TORII_IPSECMB_CIPHER_*
 *        6     2  integ       TORII_IPSECMB_INTEG_*
 *        8     4  arch        TORII_IPSECMB_ARCH_* of the manager that expanded it: GCM's hash
 *                             key tables differ between ipsec-mb's code paths, so a schedule is
 *                             used only by managers of the same architecture (others: INVALID)
 *       12     1  iv_len      8, 16 or 0
 *       13     1  icv_len     16, 24 or 32
 *       14     1  sealed_any  1 once seal used the key (combined modes)
 *       15     1  reserved
 *       16     8  last_iv     combined modes: the last sequence number sealed (the IV)
 *       24     4  salt        combined modes: the 4 salt bytes as in the key material
 *       28     4  reserved
 *       32     8  iv_counter  CBC: IVs made so far
 *       40     8  iv_prefix   CBC: the random 8-byte prefix
 *       48    16  reserved
 *       64  1024  cipher keys GCM/GMAC: ipsec-mb's struct gcm_key_data (round keys and hash key
 *                             powers); ChaCha20: the 32-byte key; CBC: encryption round keys at
 *                             64, decryption round keys at 320, IV-key round keys at 576 (240
 *                             bytes each)
 *     1088    64  ipad        HMAC: hash state after (key xor 0x36..), one block
 *     1152    64  opad        HMAC: hash state after (key xor 0x5c..), one block
 *     1216   128  reserved
 *
 * CBC IVs: IV number n (n = 1, 2, ...) is AES-128 under the IV key of the block
 * iv_prefix || n (n as 8 bytes big-endian): NIST SP 800-38A appendix C's method with a key of
 * its own. IVs never repeat under one schedule (AES is a permutation and n only grows; seal
 * refuses the 2^64-1th) and cannot be predicted without the IV key, as RFC 3602 requires.
 */
uint64_t torii_ipsecmb_key_size(void);

/*
 * Expands keys into the schedule at key (torii_ipsecmb_key_size() bytes, aligned to
 * TORII_IPSECMB_KEY_ALIGN, owned by the caller), for managers of mgr's architecture.
 * cipher_key/auth_key/iv_seed may be NULL with length 0 where the algorithm takes none; iv_seed
 * (TORII_IPSECMB_IV_SEED_LEN bytes) is required for CBC. Copies nothing it is given beyond the
 * call; temporaries are wiped. On an error the schedule is wiped and the result is negative.
 */
int32_t torii_ipsecmb_key_init(
    const torii_ipsecmb_mgr *mgr,
    void *key,
    int32_t cipher,
    int32_t integ,
    const uint8_t *cipher_key,
    uint32_t cipher_key_len,
    const uint8_t *auth_key,
    uint32_t auth_key_len,
    const uint8_t *iv_seed,
    uint32_t iv_seed_len);

/* Zeroes all torii_ipsecmb_key_size() bytes of the schedule in a way the compiler keeps. */
void torii_ipsecmb_key_wipe(void *key);

/*
 * Batch calls: count jobs (1..TORII_IPSECMB_MAX_BATCH), each given its status. Jobs may mix
 * keys and algorithms; a job's failure does not affect the others. Return the number of jobs
 * with status OK, or EINVAL without touching any job when mgr or jobs is NULL or count is out
 * of range.
 */
int32_t torii_ipsecmb_esp_seal(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, uint32_t count);
int32_t torii_ipsecmb_esp_open(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, uint32_t count);
int32_t torii_ipsecmb_ah_sign(torii_ipsecmb_mgr *mgr, torii_ipsecmb_ah_job *jobs, uint32_t count);
int32_t torii_ipsecmb_ah_verify(torii_ipsecmb_mgr *mgr, torii_ipsecmb_ah_job *jobs, uint32_t count);

/*
 * Benchmark only: the C limit ESP seal is measured against. For each job with an AES-GCM key,
 * encrypts [16, icv_offset) of the packet in place under the key, a fixed nonce (salt then zeros)
 * and the packet's first 8 bytes as AAD, and writes the tag at icv_offset: the bare ipsec-mb call,
 * none of ESP's work. Returns count, or EINVAL (nothing done) for a bad manager, count or key.
 */
int32_t torii_ipsecmb_raw_gcm_seal(torii_ipsecmb_mgr *mgr, torii_ipsecmb_esp_job *jobs, uint32_t count);


/* ============================================================================================
 * libtorii_afxdp.so: AF_XDP packet ports over libxdp and libbpf (built and tested with libxdp
 * 1.3.1 and libbpf 1.1.2).
 *
 * A third library, built only where libxdp and libbpf are installed, so that a machine without
 * them still loads libtorii_shim.so; Java (io.torii.nativeshim.AfXdpLibrary) checks
 * torii_afxdp_abi_version() against TORII_AFXDP_ABI_VERSION at load.
 *
 * Two objects. A program (torii_xdp_prog) is Torii's XDP program and its XSKMAP, attached to one
 * interface: it redirects to the AF_XDP socket of the receiving queue what the dataplane handles
 * (IPv4 or IPv6 protocol 50, ESP; UDP to port 4500 whose payload is at least 4 bytes and does not
 * start with the four zero bytes of the non-ESP marker, RFC 3948 section 2.2) and passes
 * everything else to the kernel: ARP, neighbour discovery, IKE on 500 and on 4500 behind the
 * marker, 1-byte NAT keepalives, fragmented UDP, IPv6 with extension headers, the host's own
 * traffic. A socket (torii_xsk) is one AF_XDP socket on one queue with a UMEM of its own, entered
 * in the program's XSKMAP. Frames are whole Ethernet frames; the batch calls copy them between
 * the UMEM and the buffers of torii_port_msg descriptors (buffer and length only), one downcall
 * per burst. A socket belongs to one thread; a program to whoever opened it.
 *
 * Network namespaces as for the packet ports: netns is a namespace file path or NULL.
 * ============================================================================================ */

#define TORII_AFXDP_ABI_VERSION 1

/* Attach modes for torii_xdp_attach(). */
#define TORII_XDP_MODE_NATIVE  1 /* the driver's hook (XDP_FLAGS_DRV_MODE); veth has one         */
#define TORII_XDP_MODE_GENERIC 2 /* the generic hook after the socket buffer is built (SKB mode) */
#define TORII_XDP_MODE_AUTO    3 /* native where the driver takes it, else generic                */

/* Bind modes for torii_xsk_open(). */
#define TORII_XSK_BIND_COPY     1 /* XDP_COPY: every driver                              */
#define TORII_XSK_BIND_ZEROCOPY 2 /* XDP_ZEROCOPY: drivers with AF_XDP zero-copy support */

/* Statistics of torii_xsk_stats(), in this order. */
#define TORII_XSK_STAT_RX_DROPPED       0 /* kernel: dropped for other reasons than below      */
#define TORII_XSK_STAT_RX_INVALID       1 /* kernel: invalid RX descriptors                    */
#define TORII_XSK_STAT_TX_INVALID       2 /* kernel: invalid TX descriptors                    */
#define TORII_XSK_STAT_RX_RING_FULL     3 /* kernel: RX ring full                              */
#define TORII_XSK_STAT_FILL_EMPTY       4 /* kernel: fill ring empty when a frame arrived      */
#define TORII_XSK_STAT_TX_RING_EMPTY    5 /* kernel: TX ring empty on a wakeup                 */
#define TORII_XSK_STAT_RX_TOO_LONG      6 /* shim: frames longer than the caller's buffer      */
#define TORII_XSK_STAT_TX_NO_FRAME      7 /* shim: sends refused for want of a free UMEM frame */
#define TORII_XSK_STAT_COUNT            8

typedef struct torii_xdp_prog torii_xdp_prog;
typedef struct torii_xsk torii_xsk;

/* The ABI version this library was compiled with. */
int32_t torii_afxdp_abi_version(void);

/*
 * The number of receive queues of interface name (ETHTOOL_GCHANNELS: the larger of rx and
 * combined; 1 where the driver does not say), or a negative errno (ENODEV: no such interface).
 */
int32_t torii_afxdp_queue_count(const char *netns, const char *name);

/*
 * Loads the program and an XSKMAP of max_queues entries and attaches the program to interface
 * name in mode (TORII_XDP_MODE_*). Refuses an interface that already has an XDP program (EBUSY).
 * *out holds the program on success, else NULL; *attached_mode the mode it got (NATIVE or
 * GENERIC). verifier_log (log_len bytes, may be NULL) receives the verifier's complaint when the
 * kernel refuses the program. Returns 0 or a negative errno.
 */
int32_t torii_xdp_attach(const char *netns, const char *name, int32_t mode, uint32_t max_queues,
    torii_xdp_prog **out, int32_t *attached_mode, char *verifier_log, uint32_t log_len);

/* The interface index the program is attached to. */
int32_t torii_xdp_ifindex(const torii_xdp_prog *prog);

/*
 * Detaches the program (only if it is still the one attached) and frees it; close the sockets
 * first. NULL is ignored. Returns 0 or the negative errno of the detach.
 */
int32_t torii_xdp_detach(torii_xdp_prog *prog);

/*
 * Opens an AF_XDP socket on queue of the program's interface, bound in mode bind
 * (TORII_XSK_BIND_*), with a UMEM of frames frames (a power of two, 64 to 32768) of
 * TORII_XSK_FRAME_SIZE bytes: half are given to the kernel for receiving, half kept for sending.
 * Enters it in the program's XSKMAP. *out holds the socket on success, else NULL. Returns 0 or a
 * negative errno (EOPNOTSUPP: zero-copy on a driver without it).
 */
int32_t torii_xsk_open(const char *netns, torii_xdp_prog *prog, uint32_t queue, int32_t bind,
    uint32_t frames, torii_xsk **out);

/* Bytes of one UMEM frame: the longest Ethernet frame a socket carries. */
#define TORII_XSK_FRAME_SIZE 4096

/* The socket's file descriptor, for poll(). */
int32_t torii_xsk_fd(const torii_xsk *xsk);

/*
 * Receives up to count frames (1 to TORII_PORT_MAX_BATCH) from the RX ring, copying each into
 * msgs[i].buffer (capacity msgs[i].length) and setting length; frames go straight back to the
 * fill ring. A frame longer than its buffer is dropped and counted (TORII_XSK_STAT_RX_TOO_LONG).
 * Returns how many were received, 0 when none waited, or EINVAL.
 */
int32_t torii_xsk_recv(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count);

/*
 * Sends msgs[0..count) (1 to TORII_PORT_MAX_BATCH), each a whole Ethernet frame of 14 to
 * TORII_XSK_FRAME_SIZE bytes, copying them into free UMEM frames, and wakes the kernel to send
 * them. Each gets a status: 0, EINVAL (bad length) or ENOBUFS (no free frame: the TX ring is
 * still busy). Returns how many were queued, or EINVAL.
 */
int32_t torii_xsk_send(torii_xsk *xsk, torii_port_msg *msgs, uint32_t count);

/* Fills out[0..TORII_XSK_STAT_COUNT) with the statistics above. 0 or a negative errno. */
int32_t torii_xsk_stats(const torii_xsk *xsk, uint64_t *out);

/* Removes the socket from the XSKMAP, closes it and frees its UMEM. NULL is ignored. */
void torii_xsk_close(torii_xsk *xsk);


/* ============================================================================================
 * libtorii_dpdk.so: DPDK packet ports (built and tested with DPDK 22.11).
 *
 * A fourth library, built only where DPDK's headers and libraries are installed (Debian package
 * libdpdk-dev), so that a machine without them still loads libtorii_shim.so; Java
 * (io.torii.nativeshim.DpdkLibrary) checks torii_dpdk_abi_version() against
 * TORII_DPDK_ABI_VERSION at load.
 *
 * The EAL starts once per process (torii_dpdk_eal_init) from the arguments the configuration
 * gives. A port (torii_dpdk_port) is one Ethernet device, a PCI NIC bound to a DPDK driver or a
 * virtual device (net_af_packet, net_af_xdp, net_tap), probed by its devargs after the EAL is up,
 * with one receive and one transmit queue per worker. The batch calls copy whole Ethernet frames
 * between mbufs and the buffers of torii_port_msg descriptors (buffer and length only), one
 * rte_eth_rx_burst or rte_eth_tx_burst per call. Receive keeps what the dataplane handles (the
 * rule of the AF_XDP program: ESP; ESP-in-UDP on 4500 without the non-ESP marker) and gives the
 * rest to the kernel: to the optional exception port (a net_tap whose TAP interface holds the
 * host's address; what the kernel sends through it goes out on the port), or, without one, frees
 * it, since net_af_packet leaves the kernel its own copy of every frame. A queue belongs to one
 * thread; a port to whoever opened it.
 * ============================================================================================ */

#define TORII_DPDK_ABI_VERSION 1

/* The longest frame a port sends or receives whole, in bytes: the mbufs' data room. */
#define TORII_DPDK_FRAME_SIZE 4096
/* The most queues (workers) a port has. */
#define TORII_DPDK_MAX_QUEUES 64

/* Statistics of torii_dpdk_stats(), in this order. */
#define TORII_DPDK_STAT_RX_PACKETS    0  /* device: frames received                               */
#define TORII_DPDK_STAT_RX_MISSED     1  /* device: frames dropped for want of room in a queue    */
#define TORII_DPDK_STAT_RX_ERRORS     2  /* device: erroneous frames                               */
#define TORII_DPDK_STAT_RX_NO_MBUF    3  /* device: receives that found no free mbuf               */
#define TORII_DPDK_STAT_TX_PACKETS    4  /* device: frames sent                                    */
#define TORII_DPDK_STAT_TX_ERRORS     5  /* device: frames that failed to go                       */
#define TORII_DPDK_STAT_RX_TOO_LONG   6  /* shim: dataplane frames longer than the caller's buffer */
#define TORII_DPDK_STAT_RX_TO_KERNEL  7  /* shim: frames that were the kernel's                    */
#define TORII_DPDK_STAT_RX_OWN        8  /* shim: frames with the port's own source MAC            */
#define TORII_DPDK_STAT_TX_NO_MBUF    9  /* shim: sends refused for want of an mbuf                */
#define TORII_DPDK_STAT_TX_FULL       10 /* shim: frames the device's transmit queue had no room for */
#define TORII_DPDK_STAT_FROM_KERNEL   11 /* shim: frames relayed from the exception port to the wire */
#define TORII_DPDK_STAT_COUNT         12

/* One port: an opaque handle. */
typedef struct torii_dpdk_port torii_dpdk_port;

/* TORII_DPDK_ABI_VERSION. */
int32_t torii_dpdk_abi_version(void);

/*
 * Starts the EAL with argc arguments (without a program name; "-l CPU", the first CPU the calling
 * thread may use, is added when no lcore option is given; the thread's affinity is restored).
 * Once per process: a later call returns -EALREADY, or the first attempt's error. 0 or a negative
 * errno; log (log_len bytes) receives DPDK's reason text.
 */
int32_t torii_dpdk_eal_init(const char *const *argv, uint32_t argc, char *log, uint32_t log_len);

/*
 * Probes devargs ("0000:03:00.0", "net_af_packet0,iface=veth0") in namespace netns (NULL: the
 * caller's), configures queues receive and transmit queues (1 to TORII_DPDK_MAX_QUEUES) of ring
 * descriptors (64 to 4096) over a pool of mbufs (512 or more) buffers and starts it; exception,
 * when not NULL or empty, is the devargs of the exception port (a net_tap), given the port's MAC
 * and as many queues. 0 or a negative errno (-ENXIO: the EAL is not running; -ERANGE: the device
 * has too few queues); log receives what failed.
 */
int32_t torii_dpdk_port_open(const char *netns, const char *devargs, const char *exception, uint32_t queues,
    uint32_t ring, uint32_t mbufs, torii_dpdk_port **out, char *log, uint32_t log_len);

/* Writes the port's MAC address (6 bytes) to out. Returns the DPDK port id, or -EINVAL. */
int32_t torii_dpdk_port_mac(const torii_dpdk_port *port, uint8_t *out);

/*
 * Receives one burst of up to count frames (1 to TORII_PORT_MAX_BATCH) from queue, keeping the
 * dataplane's in the buffers of descriptors [0, result) with their lengths, and first relays one
 * burst from the exception port to the wire. Returns how many were kept, or -EINVAL.
 */
int32_t torii_dpdk_recv(torii_dpdk_port *port, uint32_t queue, torii_port_msg *msgs, uint32_t count);

/*
 * Sends descriptors [0, count), each a whole Ethernet frame of 14 to TORII_DPDK_FRAME_SIZE bytes,
 * on queue in one burst; each gets a status: 0, -EINVAL (length) or -ENOBUFS (no mbuf, or no room
 * in the queue). Returns how many the device took, or -EINVAL.
 */
int32_t torii_dpdk_send(torii_dpdk_port *port, uint32_t queue, torii_port_msg *msgs, uint32_t count);

/* Fills out[0..TORII_DPDK_STAT_COUNT) with the statistics above. 0 or a negative errno. */
int32_t torii_dpdk_stats(const torii_dpdk_port *port, uint64_t *out);

/* Stops and removes the port (and its exception port) and frees its pool. NULL is ignored. */
void torii_dpdk_port_close(torii_dpdk_port *port);

#ifdef __cplusplus
}
#endif

#endif /* TORII_SHIM_H */
