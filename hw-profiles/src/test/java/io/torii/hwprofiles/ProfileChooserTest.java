package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileChooserTest
{
    @TempDir
    Path root;

    @Test
    void aCloudVmGetsTheGenericProfileAndIsToldWhatSmallBranchNeeds()
    {
        final ProfileChoice choice = choose(FakeMachines.cloudVm(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.GENERIC_VM);
        assertThat(choice.met()).isEmpty();
        assertThat(choice.rejected()).extracting(ProfileChoice.Rejection::profileName)
            .containsExactly(HardwareProfiles.AGGREGATION, HardwareProfiles.MID_SIZE, HardwareProfiles.SMALL_BRANCH);
        final ProfileChoice.Rejection smallBranch = choice.rejected().getLast();
        // AES-NI is there; four processors and a multi-queue native XDP NIC are not.
        assertThat(smallBranch.unmet()).extracting(Check::found)
            .containsExactly("2 processors", "eth0 (virtio_net, 1 queue pair)");
        assertThat(choice.wouldChange()).singleElement().asString()
            .startsWith("small-branch if the machine had: 4 or more processors; a NIC with native XDP with 3");
        assertThat(choice.warnings()).isEmpty();
    }

    @Test
    void aFourCoreBoxWithAesNiAndIgcNicsIsASmallBranch()
    {
        final ProfileChoice choice = choose(FakeMachines.branchAppliance(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.SMALL_BRANCH);
        assertThat(choice.met()).allMatch(Check::met).extracting(Check::found)
            .containsExactly("4 processors", "aes present", "enp1s0 (igc, 4 queue pairs)");
        final ProfileChoice.Rejection midSize = choice.rejected().getLast();
        assertThat(midSize.profileName()).isEqualTo(HardwareProfiles.MID_SIZE);
        // igc binds zero-copy, but has 4 queues: the mid-size needs 7.
        assertThat(midSize.unmet()).extracting(Check::found)
            .containsExactly("4 processors", "no vaes", "enp1s0 (igc, 4 queue pairs)");
        assertThat(choice.wouldChange()).anyMatch(line -> line.startsWith("mid-size if the machine had: 8 or more"))
            .anyMatch(line -> line.startsWith("generic-vm if the machine lacked any of: 4 or more processors"));
    }

    @Test
    void aTwelveCoreVaesApplianceIsMidSizeAndIsToldItCouldUseMoreWorkers()
    {
        final ProfileChoice choice = choose(FakeMachines.midSizeAppliance(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.MID_SIZE);
        assertThat(choice.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.unmet())
            .extracting(Check::needs).contains("32 or more processors", "huge pages reserved, for DPDK's memory"));
        assertThat(choice.wouldChange()).anyMatch(line -> line.startsWith("small-branch if the machine lacked"))
            .anyMatch(line -> line.startsWith("12 processors, more than the 8 mid-size lays out"));
    }

    @Test
    void aBigBoxWithHugePagesAndManyQueuesIsAnAggregationBox()
    {
        final ProfileChoice choice = choose(FakeMachines.aggregationBox(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.AGGREGATION);
        assertThat(choice.rejected()).isEmpty();
        assertThat(choice.met()).extracting(Check::found).contains("64 processors", "2048 MiB of huge pages",
            "vfio-pci loaded");
        // Without huge pages it would fall back to the next profile that fits: mlx5 binds zero-copy.
        assertThat(choice.wouldChange()).anyMatch(line -> line.startsWith("mid-size if the machine lacked any of"));
        assertThat(choice.warnings()).containsExactly(
            "ens2f0np0 hangs off NUMA node 0 (CPUs 0-15,32-47): workers on its queues run best on those CPUs; " +
                "set cpus = accordingly",
            "ens2f1np1 hangs off NUMA node 1 (CPUs 16-31,48-63): workers on its queues run best on those CPUs; " +
                "set cpus = accordingly");
    }

    @Test
    void withoutHugePagesTheBigBoxDropsToMidSizeNamingThem()
    {
        new FakeMachine(root).processors(64, "AMD EPYC", FakeMachines.VAES)
            .pciNic("ens2f0np0", "0000:41:00.0", "mlx5_core", 32, 100000, 0);

        final ProfileChoice choice = choose(new FakeMachine(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.MID_SIZE);
        assertThat(choice.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.unmet())
            .extracting(Check::found).containsExactly("no huge pages reserved"));
    }

    @Test
    void thisMachineIsAGenericVm()
    {
        final ProfileChoice choice = choose(FakeMachines.thisMachine(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.GENERIC_VM);
        // It has VAES, so the mid-size is held back by processors and NIC only.
        assertThat(choice.rejected().get(1).unmet()).extracting(Check::needs)
            .containsExactly("8 or more processors", "a NIC whose driver binds AF_XDP zero-copy with 7 or more " +
                "queue pairs");
    }

    @Test
    void aSingleProcessorMachineIsWarnedThatTheFallbackPinsToCpuOne()
    {
        new FakeMachine(root).processors(1, "x", "fpu");

        final ProfileChoice choice = choose(new FakeMachine(root));

        assertThat(choice.profile().name()).isEqualTo(HardwareProfiles.GENERIC_VM);
        assertThat(choice.warnings()).singleElement().asString().contains("cpus =").contains("control_cpu =");
    }

    private static ProfileChoice choose(final FakeMachine machine)
    {
        return ProfileChooser.choose(HardwareSurvey.read(machine.root()));
    }
}
