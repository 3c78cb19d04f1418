/*
 * Managers: one ipsec-mb IMB_MGR per worker thread, for an architecture the caller forces or
 * the best this CPU runs.
 *
 * A forced architecture is checked before ipsec-mb's init_mb_mgr_*() runs, so that whether a
 * manager for a CPU without, say, AVX-512 is refused does not depend on what a given ipsec-mb
 * version's init does: code for the wrong architecture dies of an illegal instruction, which
 * takes the JVM with it. The check takes ipsec-mb's own CPUID view (the features its code paths
 * need, IMB_CPUFLAGS_*) and adds the OS's XSAVE state, as the CPU probe does.
 */
#include <stdlib.h>
#include "ipsecmb_internal.h"
#include "../common/os_xsave.h"

/* AH with ESN copies the data and 4 more bytes here. */
#define AH_SCRATCH_LEN (TORII_IPSECMB_MAX_LENGTH + 1 + 64)

static uint64_t required_features(const int32_t arch)
{
    switch (arch) {
    case TORII_IPSECMB_ARCH_SSE:    return IMB_CPUFLAGS_SSE;
    case TORII_IPSECMB_ARCH_AVX:    return IMB_CPUFLAGS_AVX;
    case TORII_IPSECMB_ARCH_AVX2:   return IMB_CPUFLAGS_AVX2;
    case TORII_IPSECMB_ARCH_AVX512: return IMB_CPUFLAGS_AVX512;
    default:                        return 0;
    }
}

static int os_saves_state_for(const int32_t arch, const uint64_t xcr0)
{
    switch (arch) {
    case TORII_IPSECMB_ARCH_SSE:    return 1;
    case TORII_IPSECMB_ARCH_AVX:
    case TORII_IPSECMB_ARCH_AVX2:   return torii_os_saves_ymm(xcr0);
    case TORII_IPSECMB_ARCH_AVX512: return torii_os_saves_zmm(xcr0);
    default:                        return 0;
    }
}

int32_t torii_ipsecmb_abi_version(void)
{
    return TORII_IPSECMB_ABI_VERSION;
}

uint32_t torii_ipsecmb_library_version(void)
{
    return imb_get_version();
}

int32_t torii_ipsecmb_arch_supported(const int32_t arch)
{
    if (arch == TORII_IPSECMB_ARCH_AUTO) {
        return torii_ipsecmb_arch_supported(TORII_IPSECMB_ARCH_SSE);
    }
    const uint64_t required = required_features(arch);
    if (required == 0) {
        return 0;
    }
    const uint64_t features = imb_get_feature_flags();
    return (features & required) == required && os_saves_state_for(arch, torii_xcr0());
}

/*
 * The hash keys' place in struct gcm_key_data, as ipsec-mb's assembly for each architecture defines it:
 * the SSE and AVX code keeps H^1..H^8 and their Karatsuba halves after the round keys, AVX2 and AVX-512
 * H^1..H^8 alone, and the VAES code H^48 first down to H^1 last, 16 bytes each.
 */
static void locate_hash_keys(torii_ipsecmb_mgr *mgr)
{
    const uint32_t ghash = (uint32_t)(offsetof(key_schedule, cipher_keys) + offsetof(struct gcm_key_data, ghash_keys));
    const uint64_t vaes = IMB_FEATURE_VAES | IMB_FEATURE_VPCLMULQDQ;
    uint32_t all = 8 * AES_BLOCK;
    uint32_t short_from = 0;
    if (mgr->arch == TORII_IPSECMB_ARCH_SSE || mgr->arch == TORII_IPSECMB_ARCH_AVX) {
        all = 16 * AES_BLOCK;
    } else if (mgr->arch == TORII_IPSECMB_ARCH_AVX512 && (mgr->imb->features & vaes) == vaes) {
        all = 48 * AES_BLOCK;
        short_from = 40 * AES_BLOCK;
    }
    mgr->all_hkeys_from = ghash;
    mgr->all_hkeys_to = ghash + all;
    mgr->short_hkeys_from = ghash + short_from;
    mgr->short_hkeys_to = short_from == 0 ? ghash + 8 * AES_BLOCK : ghash + all;
}

/* The best architecture this CPU runs; AUTO when it runs none (no AES-NI). */
static int32_t best_arch(void)
{
    for (int32_t arch = TORII_IPSECMB_ARCH_AVX512; arch >= TORII_IPSECMB_ARCH_SSE; arch--) {
        if (torii_ipsecmb_arch_supported(arch)) {
            return arch;
        }
    }
    return TORII_IPSECMB_ARCH_AUTO;
}

int32_t torii_ipsecmb_mgr_create(const int32_t requested, torii_ipsecmb_mgr **out)
{
    if (out == NULL) {
        return TORII_IPSECMB_EINVAL;
    }
    *out = NULL;
    if (requested < TORII_IPSECMB_ARCH_AUTO || requested > TORII_IPSECMB_ARCH_AVX512) {
        return TORII_IPSECMB_EINVAL;
    }
    /* AUTO picks as ipsec-mb's init_mb_mgr_auto() would, but also honours the OS's XSAVE state. */
    const int32_t arch = requested == TORII_IPSECMB_ARCH_AUTO ? best_arch() : requested;
    if (arch == TORII_IPSECMB_ARCH_AUTO || !torii_ipsecmb_arch_supported(arch)) {
        return TORII_IPSECMB_EUNSUPPORTED;
    }
    torii_ipsecmb_mgr *mgr = calloc(1, sizeof(*mgr));
    if (mgr == NULL) {
        return TORII_IPSECMB_ENOMEM;
    }
    mgr->arch = arch;
    mgr->imb = alloc_mb_mgr(0);
    mgr->ah_scratch = aligned_alloc(64, AH_SCRATCH_LEN - AH_SCRATCH_LEN % 64 + 64);
    if (mgr->imb == NULL || mgr->ah_scratch == NULL) {
        torii_ipsecmb_mgr_free(mgr);
        return TORII_IPSECMB_ENOMEM;
    }
    switch (arch) {
    case TORII_IPSECMB_ARCH_SSE:    init_mb_mgr_sse(mgr->imb); break;
    case TORII_IPSECMB_ARCH_AVX:    init_mb_mgr_avx(mgr->imb); break;
    case TORII_IPSECMB_ARCH_AVX2:   init_mb_mgr_avx2(mgr->imb); break;
    default:                        init_mb_mgr_avx512(mgr->imb); break;
    }
    if (imb_get_errno(mgr->imb) != 0) {
        torii_ipsecmb_mgr_free(mgr);
        return TORII_IPSECMB_ELIBRARY;
    }
    locate_hash_keys(mgr);
    *out = mgr;
    return TORII_IPSECMB_OK;
}

int32_t torii_ipsecmb_mgr_arch(const torii_ipsecmb_mgr *mgr)
{
    return mgr == NULL ? TORII_IPSECMB_EINVAL : mgr->arch;
}

void torii_ipsecmb_mgr_free(torii_ipsecmb_mgr *mgr)
{
    if (mgr == NULL) {
        return;
    }
    if (mgr->imb != NULL) {
        free_mb_mgr(mgr->imb);
    }
    free(mgr->ah_scratch);
    free(mgr);
}
