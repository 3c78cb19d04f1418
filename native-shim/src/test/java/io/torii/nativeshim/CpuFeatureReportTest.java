package io.torii.nativeshim;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.hwprofiles.CpuInfo;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shim's CPUID probe must agree with what the kernel reports in /proc/cpuinfo, which applies
 * the same "CPU has it and the OS saves its state" rule.
 */
class CpuFeatureReportTest
{
    @Test
    void shimReportsExactlyTheFeaturesProcCpuinfoLists() throws Exception
    {
        assertThat(NativeShim.isAvailable()).as(NativeShim.status()).isTrue();

        final Set<CpuFeature> fromShim = NativeShim.cpuFeatures();
        final Set<CpuFeature> fromKernel = CpuFeature.fromLinuxFlags(CpuInfo.read().flags());

        assertThat(fromShim).isEqualTo(fromKernel);
    }

    @Test
    void maskBitsMatchTheHeaderAndRoundTrip()
    {
        assertThat(CpuFeature.AES_NI.mask()).isEqualTo(1L);
        assertThat(CpuFeature.SHA_NI.mask()).isEqualTo(1L << 6);
        assertThat(CpuFeature.fromMask(0b101_0001L))
            .isEqualTo(EnumSet.of(CpuFeature.AES_NI, CpuFeature.VAES, CpuFeature.SHA_NI));
        assertThat(CpuFeature.fromMask(-1L)).isEqualTo(EnumSet.allOf(CpuFeature.class));
    }

    @Test
    void linuxFlagNamesMapToFeatures()
    {
        assertThat(CpuFeature.fromLinuxFlags(Set.of("aes", "avx512f", "vpclmulqdq", "sse2")))
            .isEqualTo(EnumSet.of(CpuFeature.AES_NI, CpuFeature.AVX512F, CpuFeature.VPCLMULQDQ));
    }
}
