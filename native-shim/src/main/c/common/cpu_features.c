/*
 * CPU capability detection for the crypto engine probe.
 *
 * A feature counts only when both the CPU reports it and the OS saves the register state it
 * needs: a hypervisor or kernel may hide AVX-512 state even on a CPU that has it, and using
 * ZMM registers then faults. This mirrors how /proc/cpuinfo's flags line is built by Linux.
 */
#include <cpuid.h>
#include "torii_shim.h"
#include "os_xsave.h"

uint64_t torii_cpu_features(void)
{
    uint32_t eax, ebx, ecx, edx;
    uint64_t features = 0;

    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        return 0;
    }
    if (ecx & (1U << 25)) features |= TORII_CPU_AESNI;
    if (ecx & (1U << 1))  features |= TORII_CPU_PCLMULQDQ;

    const uint64_t xcr0 = torii_xcr0();
    const int ymm_enabled = torii_os_saves_ymm(xcr0);
    const int zmm_enabled = torii_os_saves_zmm(xcr0);

    if (__get_cpuid_max(0, 0) < 7) {
        return features;
    }
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    if ((ebx & (1U << 29)))                features |= TORII_CPU_SHANI;
    if ((ebx & (1U << 5)) && ymm_enabled)  features |= TORII_CPU_AVX2;
    if ((ebx & (1U << 16)) && zmm_enabled) features |= TORII_CPU_AVX512F;
    if ((ecx & (1U << 9)) && ymm_enabled)  features |= TORII_CPU_VAES;
    if ((ecx & (1U << 10)) && ymm_enabled) features |= TORII_CPU_VPCLMULQDQ;
    return features;
}

int32_t torii_shim_abi_version(void)
{
    return TORII_SHIM_ABI_VERSION;
}
