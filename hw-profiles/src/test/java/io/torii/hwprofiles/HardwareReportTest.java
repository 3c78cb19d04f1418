package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareReportTest
{
    @TempDir
    Path root;

    @Test
    void saysWhatWasFoundTheProfileWhyAndWhatWouldChangeIt()
    {
        final HardwareSurvey survey = HardwareSurvey.read(FakeMachines.branchAppliance(root).root());

        final List<String> lines = HardwareReport.lines(survey, ProfileChooser.choose(survey));

        assertThat(lines).contains(
            "processors:     4 (Intel(R) Atom(TM) x6425E)",
            "crypto flags:   aes pclmulqdq avx2 -avx512f -vaes -vpclmulqdq -sha_ni -gfni",
            "numa nodes:     0: 4 cpus",
            "  enp1s0: igc at 0000:01:00.0, 4 rx / 4 tx queues, 2500 Mb/s, XDP native, zero-copy",
            "  lo: software interface",
            "dpdk:           no huge pages, no vfio-pci",
            "  has 4 processors (needs 4 or more processors)");
        assertThat(lines).anyMatch(line -> line.startsWith("profile:        small-branch: a 4-core branch"))
            .containsSubsequence("  not mid-size, for want of:", "    4 processors (needs 8 or more processors)",
                "    no vaes (needs the CPU flag vaes)")
            .anyMatch(line -> line.startsWith("  mid-size if the machine had: 8 or more processors"));
        assertThat(lines.indexOf("would change:")).isGreaterThan(lines.indexOf("  lo: software interface"));
    }

    @Test
    void namesWhatItCouldNotRead()
    {
        final HardwareSurvey survey = HardwareSurvey.read(root);

        final List<String> lines = HardwareReport.lines(survey, ProfileChooser.choose(survey));

        assertThat(lines).contains("processors:     0 (model unknown)", "nics:           none found",
            "  the fallback: no bigger profile fits");
        assertThat(lines).filteredOn(line -> line.startsWith("not read:       ")).hasSize(3);
        assertThat(lines).filteredOn(line -> line.startsWith("warning:        ")).hasSize(1);
    }
}
