/*
 * program.c: Torii's XDP program, written as BPF instructions so that building Torii needs no
 * BPF compiler, and attaching it with its XSKMAP to an interface.
 *
 * What it does with each frame (offsets from the start of the Ethernet header):
 *
 *   Ethernet type 0x0800 (IPv4):
 *     protocol 50 (ESP)                                     -> the queue's AF_XDP socket
 *     protocol 17 (UDP), not a fragment (MF and offset 0),
 *       destination port 4500, UDP length >= 12 (a 4-byte
 *       SPI and more: the 1-byte NAT keepalive 0xFF stays
 *       out, RFC 3948 section 2.3), first 4 payload bytes
 *       not zero (the non-ESP marker of IKE, section 2.2)   -> the queue's AF_XDP socket
 *   Ethernet type 0x86DD (IPv6): the same, for a next header of 50 or 17 right after the fixed
 *     header (extension headers go to the kernel)
 *   anything else                                           -> XDP_PASS, the kernel's stack
 *
 * The UDP length field is used rather than the frame's end because Ethernet pads short frames
 * to 60 bytes: a keepalive arrives with padding that looks like payload. The redirect names
 * XDP_PASS as its fallback, so a queue without a socket in the map hands its ESP to the kernel
 * instead of dropping it.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "afxdp_internal.h"

/* Instruction encoders (the kernel's uapi header defines only the opcodes). */
#define INSN(c, d, s, o, i) ((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})
#define MOV_REG(d, s)       INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV_IMM(d, i)       INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD_IMM(d, i)       INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD_REG(d, s)       INSN(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define AND_IMM(d, i)       INSN(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define LSH_IMM(d, i)       INSN(BPF_ALU64 | BPF_LSH | BPF_K, d, 0, 0, i)
#define TO_BE16(d)          INSN(BPF_ALU | BPF_END | BPF_TO_BE, d, 0, 0, 16)
#define LOAD(size, d, s, o) INSN(BPF_LDX | (size) | BPF_MEM, d, s, o, 0)
#define CALL(f)             INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()              INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* Jump targets, resolved once all instructions are written. */
enum label
{
    L_IPV4,
    L_UDP,
    L_REDIRECT,
    L_PASS,
    L_COUNT
};

typedef struct assembler
{
    struct bpf_insn *insns;
    size_t count;
    size_t labels[L_COUNT];
    size_t jumps[TORII_XDP_MAX_INSNS];
    enum label targets[TORII_XDP_MAX_INSNS];
    size_t jump_count;
} assembler;

static void emit(assembler *a, struct bpf_insn insn)
{
    a->insns[a->count++] = insn;
}

static void mark(assembler *a, enum label label)
{
    a->labels[label] = a->count;
}

/* Remembers that the instruction about to be written jumps to target. */
static void note_jump(assembler *a, enum label target)
{
    a->jumps[a->jump_count] = a->count;
    a->targets[a->jump_count++] = target;
}

/* Conditional jumps (op: BPF_JEQ, BPF_JNE, ..., or BPF_JA) on a register and an immediate, or two
   registers. Macros, so that the register numbers stay constants that fit their 4-bit fields. */
#define JUMP_IMM(a, op, reg, imm, target) \
    do { note_jump(a, target); emit(a, INSN(BPF_JMP | (op) | BPF_K, reg, 0, 0, imm)); } while (0)
#define JUMP_REG(a, op, dst, src, target) \
    do { note_jump(a, target); emit(a, INSN(BPF_JMP | (op) | BPF_X, dst, src, 0, 0)); } while (0)

static void resolve(assembler *a)
{
    for (size_t i = 0; i < a->jump_count; i++)
    {
        const size_t from = a->jumps[i];
        a->insns[from].off = (int16_t)((long)a->labels[a->targets[i]] - (long)from - 1);
    }
}

/* Ethernet type and ports as a little-endian load of their big-endian bytes sees them. */
#define ETH_IPV4_LOADED 0x0008
#define ETH_IPV6_LOADED 0xDD86
#define PORT_4500_LOADED 0x9411
/* IPv4 flags and fragment offset, loaded the same way: MF (0x2000) and offset (0x1FFF). */
#define FRAGMENT_MASK_LOADED 0xFF3F

size_t torii_xdp_build_program(struct bpf_insn *insns, int map_fd)
{
    /* r6 = ctx, r2 = data, r3 = data_end, r4 = cursor, r5 = scratch, r7 = bound check */
    assembler a;
    memset(&a, 0, sizeof(a));
    a.insns = insns;
    emit(&a, MOV_REG(BPF_REG_6, BPF_REG_1));
    emit(&a, LOAD(BPF_W, BPF_REG_2, BPF_REG_6, offsetof(struct xdp_md, data)));
    emit(&a, LOAD(BPF_W, BPF_REG_3, BPF_REG_6, offsetof(struct xdp_md, data_end)));
    emit(&a, MOV_REG(BPF_REG_4, BPF_REG_2));
    emit(&a, ADD_IMM(BPF_REG_4, 14));
    JUMP_REG(&a, BPF_JGT, BPF_REG_4, BPF_REG_3, L_PASS);
    emit(&a, LOAD(BPF_H, BPF_REG_5, BPF_REG_2, 12));
    JUMP_IMM(&a, BPF_JEQ, BPF_REG_5, ETH_IPV4_LOADED, L_IPV4);
    JUMP_IMM(&a, BPF_JNE, BPF_REG_5, ETH_IPV6_LOADED, L_PASS);

    /* IPv6: 40-byte fixed header at 14, next header at 20; UDP at 54. */
    emit(&a, MOV_REG(BPF_REG_4, BPF_REG_2));
    emit(&a, ADD_IMM(BPF_REG_4, 54));
    JUMP_REG(&a, BPF_JGT, BPF_REG_4, BPF_REG_3, L_PASS);
    emit(&a, LOAD(BPF_B, BPF_REG_5, BPF_REG_2, 20));
    JUMP_IMM(&a, BPF_JEQ, BPF_REG_5, 50, L_REDIRECT);
    JUMP_IMM(&a, BPF_JNE, BPF_REG_5, 17, L_PASS);
    JUMP_IMM(&a, BPF_JA, 0, 0, L_UDP);

    /* IPv4: protocol at 23, flags and fragment offset at 20, IHL in the low nibble of 14. */
    mark(&a, L_IPV4);
    emit(&a, MOV_REG(BPF_REG_4, BPF_REG_2));
    emit(&a, ADD_IMM(BPF_REG_4, 34));
    JUMP_REG(&a, BPF_JGT, BPF_REG_4, BPF_REG_3, L_PASS);
    emit(&a, LOAD(BPF_B, BPF_REG_5, BPF_REG_2, 23));
    JUMP_IMM(&a, BPF_JEQ, BPF_REG_5, 50, L_REDIRECT);
    JUMP_IMM(&a, BPF_JNE, BPF_REG_5, 17, L_PASS);
    emit(&a, LOAD(BPF_H, BPF_REG_5, BPF_REG_2, 20));
    emit(&a, AND_IMM(BPF_REG_5, FRAGMENT_MASK_LOADED));
    JUMP_IMM(&a, BPF_JNE, BPF_REG_5, 0, L_PASS);
    emit(&a, LOAD(BPF_B, BPF_REG_5, BPF_REG_2, 14));
    emit(&a, AND_IMM(BPF_REG_5, 0x0F));
    emit(&a, LSH_IMM(BPF_REG_5, 2));
    JUMP_IMM(&a, BPF_JLT, BPF_REG_5, 20, L_PASS);
    emit(&a, MOV_REG(BPF_REG_4, BPF_REG_2));
    emit(&a, ADD_IMM(BPF_REG_4, 14));
    emit(&a, ADD_REG(BPF_REG_4, BPF_REG_5));

    /* UDP at r4: the 8-byte header and 4 payload bytes must be there. */
    mark(&a, L_UDP);
    emit(&a, MOV_REG(BPF_REG_7, BPF_REG_4));
    emit(&a, ADD_IMM(BPF_REG_7, 12));
    JUMP_REG(&a, BPF_JGT, BPF_REG_7, BPF_REG_3, L_PASS);
    emit(&a, LOAD(BPF_H, BPF_REG_5, BPF_REG_4, 2));
    JUMP_IMM(&a, BPF_JNE, BPF_REG_5, PORT_4500_LOADED, L_PASS);
    emit(&a, LOAD(BPF_H, BPF_REG_5, BPF_REG_4, 4));
    emit(&a, TO_BE16(BPF_REG_5));
    JUMP_IMM(&a, BPF_JLT, BPF_REG_5, 12, L_PASS);
    emit(&a, LOAD(BPF_W, BPF_REG_5, BPF_REG_4, 8));
    JUMP_IMM(&a, BPF_JEQ, BPF_REG_5, 0, L_PASS);

    /* bpf_redirect_map(&xsks, ctx->rx_queue_index, XDP_PASS) */
    mark(&a, L_REDIRECT);
    emit(&a, LOAD(BPF_W, BPF_REG_2, BPF_REG_6, offsetof(struct xdp_md, rx_queue_index)));
    emit(&a, INSN(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_1, BPF_PSEUDO_MAP_FD, 0, map_fd));
    emit(&a, INSN(0, 0, 0, 0, 0));
    emit(&a, MOV_IMM(BPF_REG_3, XDP_PASS));
    emit(&a, CALL(BPF_FUNC_redirect_map));
    emit(&a, EXIT());

    mark(&a, L_PASS);
    emit(&a, MOV_IMM(BPF_REG_0, XDP_PASS));
    emit(&a, EXIT());
    resolve(&a);
    return a.count;
}

static int load(int map_fd, char *log, uint32_t log_len)
{
    struct bpf_insn insns[TORII_XDP_MAX_INSNS];
    const size_t count = torii_xdp_build_program(insns, map_fd);
    int fd = bpf_prog_load(BPF_PROG_TYPE_XDP, "torii_xsk", "Dual BSD/GPL", insns, count, NULL);
    if (fd < 0 && log != NULL && log_len > 1)
    {
        /* Load again with the verifier's log, only to say why. */
        LIBBPF_OPTS(bpf_prog_load_opts, opts, .log_buf = log, .log_size = log_len, .log_level = 1);
        log[0] = '\0';
        const int again = bpf_prog_load(BPF_PROG_TYPE_XDP, "torii_xsk", "Dual BSD/GPL", insns, count, &opts);
        if (again >= 0)
        {
            close(again);
        }
    }
    return fd;
}

/* Attaches in one mode; libbpf returns a negative errno. */
static int attach_in(int ifindex, int prog_fd, uint32_t mode_flag)
{
    return bpf_xdp_attach(ifindex, prog_fd, XDP_FLAGS_UPDATE_IF_NOEXIST | mode_flag, NULL);
}

static int attach_here(torii_xdp_prog *prog, const char *name, int32_t mode, int32_t *attached_mode, char *log,
    uint32_t log_len)
{
    prog->ifindex = (int)if_nametoindex(name);
    if (prog->ifindex == 0)
    {
        return -errno;
    }
    prog->map_fd = bpf_map_create(BPF_MAP_TYPE_XSKMAP, "torii_xsks", sizeof(uint32_t), sizeof(uint32_t),
        prog->max_queues, NULL);
    if (prog->map_fd < 0)
    {
        return prog->map_fd;
    }
    prog->prog_fd = load(prog->map_fd, log, log_len);
    if (prog->prog_fd < 0)
    {
        return prog->prog_fd;
    }
    int result = -EINVAL;
    if (mode == TORII_XDP_MODE_NATIVE || mode == TORII_XDP_MODE_AUTO)
    {
        result = attach_in(prog->ifindex, prog->prog_fd, XDP_FLAGS_DRV_MODE);
        prog->attach_flags = XDP_FLAGS_DRV_MODE;
        *attached_mode = TORII_XDP_MODE_NATIVE;
    }
    /* EBUSY and EEXIST mean a program is there already: another mode would not help. */
    if (mode == TORII_XDP_MODE_GENERIC || (mode == TORII_XDP_MODE_AUTO && result < 0 && result != -EBUSY &&
        result != -EEXIST))
    {
        result = attach_in(prog->ifindex, prog->prog_fd, XDP_FLAGS_SKB_MODE);
        prog->attach_flags = XDP_FLAGS_SKB_MODE;
        *attached_mode = TORII_XDP_MODE_GENERIC;
    }
    return result == -EEXIST ? -EBUSY : result;
}

static void free_prog(torii_xdp_prog *prog)
{
    if (prog->prog_fd >= 0)
    {
        close(prog->prog_fd);
    }
    if (prog->map_fd >= 0)
    {
        close(prog->map_fd);
    }
    free(prog);
}

int32_t torii_afxdp_abi_version(void)
{
    return TORII_AFXDP_ABI_VERSION;
}

int32_t torii_xdp_attach(const char *netns, const char *name, int32_t mode, uint32_t max_queues,
    torii_xdp_prog **out, int32_t *attached_mode, char *verifier_log, uint32_t log_len)
{
    if (out == NULL || attached_mode == NULL || name == NULL || max_queues < 1 || max_queues > 4096 ||
        mode < TORII_XDP_MODE_NATIVE || mode > TORII_XDP_MODE_AUTO ||
        (netns != NULL && strlen(netns) >= sizeof(((torii_xdp_prog *)NULL)->netns)))
    {
        return -EINVAL;
    }
    *out = NULL;
    *attached_mode = 0;
    torii_xdp_prog *prog = calloc(1, sizeof(*prog));
    if (prog == NULL)
    {
        return -ENOMEM;
    }
    prog->prog_fd = -1;
    prog->map_fd = -1;
    prog->max_queues = max_queues;
    if (netns != NULL)
    {
        strcpy(prog->netns, netns);
    }
    int saved = -1;
    int result = torii_netns_enter(netns, &saved);
    if (result != 0)
    {
        free_prog(prog);
        return result;
    }
    result = attach_here(prog, name, mode, attached_mode, verifier_log, log_len);
    const int left = torii_netns_leave(saved);
    if (result == 0 && left != 0)
    {
        bpf_xdp_detach(prog->ifindex, prog->attach_flags, NULL);
        result = left;
    }
    if (result != 0)
    {
        *attached_mode = 0;
        free_prog(prog);
        return result;
    }
    *out = prog;
    return 0;
}

int32_t torii_xdp_ifindex(const torii_xdp_prog *prog)
{
    return prog == NULL ? -EINVAL : prog->ifindex;
}

int32_t torii_xdp_detach(torii_xdp_prog *prog)
{
    if (prog == NULL)
    {
        return 0;
    }
    int saved = -1;
    int result = torii_netns_enter(prog->netns, &saved);
    if (result == 0)
    {
        /* old_prog_fd makes the kernel detach only our program, never a later one. */
        LIBBPF_OPTS(bpf_xdp_attach_opts, opts, .old_prog_fd = prog->prog_fd);
        result = bpf_xdp_detach(prog->ifindex, prog->attach_flags, &opts);
        const int left = torii_netns_leave(saved);
        result = result != 0 ? result : left;
    }
    free_prog(prog);
    return result;
}
