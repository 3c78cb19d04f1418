package io.torii.nativeshim;

import java.util.EnumSet;
import java.util.Set;

/**
 * CPU features that decide which crypto path Torii can take. The bit positions mirror the
 * {@code TORII_CPU_*} macros of {@code torii_shim.h}; the flag names are Linux's, as they appear
 * in the {@code flags} line of {@code /proc/cpuinfo}.
 */
public enum CpuFeature
{
    AES_NI(0, "aes"),
    PCLMULQDQ(1, "pclmulqdq"),
    AVX2(2, "avx2"),
    AVX512F(3, "avx512f"),
    VAES(4, "vaes"),
    VPCLMULQDQ(5, "vpclmulqdq"),
    SHA_NI(6, "sha_ni");

    private final int bit;
    private final String linuxFlag;

    CpuFeature(final int bit, final String linuxFlag)
    {
        this.bit = bit;
        this.linuxFlag = linuxFlag;
    }

    /**
     * @return the bit of this feature in the mask {@code torii_cpu_features()} returns.
     */
    public long mask()
    {
        return 1L << bit;
    }

    /**
     * @return the name Linux gives this feature in {@code /proc/cpuinfo}.
     */
    public String linuxFlag()
    {
        return linuxFlag;
    }

    /**
     * @param mask a value returned by {@code torii_cpu_features()}.
     * @return the features whose bits are set; unknown bits are ignored.
     */
    public static Set<CpuFeature> fromMask(final long mask)
    {
        final EnumSet<CpuFeature> features = EnumSet.noneOf(CpuFeature.class);
        for (final CpuFeature feature : values())
        {
            if ((mask & feature.mask()) != 0)
            {
                features.add(feature);
            }
        }
        return features;
    }

    /**
     * @param linuxFlags the flags of one {@code /proc/cpuinfo} processor entry.
     * @return the features among them.
     */
    public static Set<CpuFeature> fromLinuxFlags(final Set<String> linuxFlags)
    {
        final EnumSet<CpuFeature> features = EnumSet.noneOf(CpuFeature.class);
        for (final CpuFeature feature : values())
        {
            if (linuxFlags.contains(feature.linuxFlag))
            {
                features.add(feature);
            }
        }
        return features;
    }
}
