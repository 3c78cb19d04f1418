package io.torii.perf.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineInfoTest
{
    private static final String CPUINFO = """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum 8480C
        flags\t\t: fpu sse2 aes avx2 vaes vpclmulqdq pclmulqdq sha_ni
        
        processor\t: 1
        model name\t: Another CPU
        flags\t\t: fpu
        """;

    @Test
    void theFirstProcessorsModelAndFlagsAreTaken()
    {
        final MachineInfo machine = MachineInfo.fromCpuinfo(CPUINFO, 2, "6.18.0", "Temurin 25", "lab/host 1");

        assertThat(machine.cpuModel()).isEqualTo("Intel(R) Xeon(R) Platinum 8480C");
        assertThat(machine.flags()).startsWith("aes", "avx2", "fpu").doesNotContain("avx512f");
        assertThat(machine.notableFlags()).containsExactly("aes", "vaes", "pclmulqdq", "vpclmulqdq", "avx2",
            "sha_ni");
        assertThat(machine.missingNotableFlags()).contains("avx512f", "gfni");
        assertThat(machine.safeHost()).isEqualTo("lab_host_1");
    }

    @Test
    void textWithoutACpuSaysUnknown()
    {
        final MachineInfo machine = MachineInfo.fromCpuinfo("garbage\n", 1, "k", "j", "");

        assertThat(machine.cpuModel()).isEqualTo("unknown");
        assertThat(machine.flags()).isEmpty();
        assertThat(machine.safeHost()).isEqualTo("localhost");
    }

    @Test
    void thisMachineIsRead()
    {
        final MachineInfo here = MachineInfo.here();

        assertThat(here.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(here.jdk()).contains(String.valueOf(Runtime.version().feature()));
    }
}
