/*
 * Whether the operating system saves the AVX register state: a CPU may report AVX2 or
 * AVX-512 while the kernel or a hypervisor leaves their state out of XSAVE, and using those
 * registers then faults. Shared by the CPU probe and the ipsec-mb layer's architecture check.
 */
#ifndef TORII_OS_XSAVE_H
#define TORII_OS_XSAVE_H

#include <cpuid.h>
#include <stdint.h>

#define TORII_XCR0_SSE_YMM    0x06ULL   /* XMM and YMM state            */
#define TORII_XCR0_OPMASK_ZMM 0xE0ULL   /* opmask, ZMM_Hi256, Hi16_ZMM  */
#define TORII_CPUID1_ECX_OSXSAVE (1U << 27)

/* XCR0, or 0 when the OS has not enabled XSAVE. */
static inline uint64_t torii_xcr0(void)
{
    uint32_t eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || (ecx & TORII_CPUID1_ECX_OSXSAVE) == 0) {
        return 0;
    }
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}

static inline int torii_os_saves_ymm(const uint64_t xcr0)
{
    return (xcr0 & TORII_XCR0_SSE_YMM) == TORII_XCR0_SSE_YMM;
}

static inline int torii_os_saves_zmm(const uint64_t xcr0)
{
    return torii_os_saves_ymm(xcr0) && (xcr0 & TORII_XCR0_OPMASK_ZMM) == TORII_XCR0_OPMASK_ZMM;
}

#endif /* TORII_OS_XSAVE_H */
