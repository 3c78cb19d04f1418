/*
 * torii_shim.h: the one header of Torii's native shim.
 *
 * Java binds every symbol declared here through java.lang.foreign (see
 * io.torii.nativeshim.ShimLibrary). Java checks TORII_SHIM_ABI_VERSION at load and refuses a
 * library whose version differs, so a stale libtorii_shim.so never gets called with the wrong
 * argument layout. Bump the version whenever a signature or a struct layout here changes.
 */
#ifndef TORII_SHIM_H
#define TORII_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TORII_SHIM_ABI_VERSION 1

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

#ifdef __cplusplus
}
#endif

#endif /* TORII_SHIM_H */
