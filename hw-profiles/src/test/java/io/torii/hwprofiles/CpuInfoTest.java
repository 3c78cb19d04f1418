package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuInfoTest
{
    private static final String TWO_PROCESSORS = """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum 8480+
        flags\t\t: fpu sse2 aes pclmulqdq avx2 avx512f vaes sha_ni

        processor\t: 1
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum 8480+
        flags\t\t: fpu sse2 aes pclmulqdq avx2 vaes sha_ni
        """;

    @Test
    void countsProcessorsAndKeepsOnlyFlagsEveryProcessorHas()
    {
        final CpuInfo info = CpuInfo.parse(TWO_PROCESSORS);

        assertThat(info.processorCount()).isEqualTo(2);
        assertThat(info.modelName()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(info.flags()).containsExactly("fpu", "sse2", "aes", "pclmulqdq", "avx2", "vaes", "sha_ni");
    }

    @Test
    void emptyTextHasNoProcessorsAndNoFlags()
    {
        final CpuInfo info = CpuInfo.parse("");

        assertThat(info.processorCount()).isZero();
        assertThat(info.flags()).isEmpty();
        assertThat(info.modelName()).isEmpty();
    }

    @Test
    void readsThisMachine() throws Exception
    {
        final CpuInfo info = CpuInfo.read();

        // availableProcessors() honours affinity and cgroup limits, so it can only be smaller.
        assertThat(info.processorCount()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(info.flags()).contains("fpu");
    }
}
