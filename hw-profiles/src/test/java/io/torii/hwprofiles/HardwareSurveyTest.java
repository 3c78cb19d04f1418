package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareSurveyTest
{
    @TempDir
    Path root;

    @Test
    void readsNumaNodesNicsQueuesAndDpdkReadinessOfAnAggregationBox()
    {
        final HardwareSurvey survey = HardwareSurvey.read(FakeMachines.aggregationBox(root).root());

        assertThat(survey.cpu().processorCount()).isEqualTo(64);
        assertThat(survey.numaNodes()).extracting(NumaNode::id).containsExactly(0, 1);
        assertThat(survey.numaNodes().get(1).cpus()).hasSize(32).startsWith(16, 17).endsWith(62, 63);
        assertThat(survey.physicalNics()).containsExactly(
            new Nic("ens2f0np0", "mlx5_core", "0000:41:00.0", 32, 32, 100000, 0),
            new Nic("ens2f1np1", "mlx5_core", "0000:41:00.1", 32, 32, 100000, 1));
        assertThat(survey.hugePageBytes()).isEqualTo(1024L * 2 * 1024 * 1024);
        assertThat(survey.vfioPci()).isTrue();
        assertThat(survey.gaps()).isEmpty();
    }

    @Test
    void tellsPhysicalNicsFromSoftwareInterfaces()
    {
        final HardwareSurvey survey = HardwareSurvey.read(FakeMachines.branchAppliance(root).root());

        assertThat(survey.nics()).extracting(Nic::name).containsExactly("enp1s0", "enp2s0", "lo");
        assertThat(survey.physicalNics()).extracting(Nic::name).containsExactly("enp1s0", "enp2s0");
        final Nic loopback = survey.nics().get(2);
        assertThat(loopback.physical()).isFalse();
        assertThat(loopback.driver()).isEmpty();
        assertThat(survey.mostQueuePairs()).isEqualTo(4);
        assertThat(survey.nics().getFirst().nativeXdp()).isTrue();
        assertThat(survey.hugePageBytes()).isZero();
        assertThat(survey.vfioPci()).isFalse();
    }

    @Test
    void aFileBesideTheInterfacesIsNotAnInterface() throws Exception
    {
        FakeMachines.cloudVm(root);
        Files.writeString(root.resolve("sys/class/net/bonding_masters"), "\n");

        assertThat(HardwareSurvey.read(root).nics()).extracting(Nic::name).containsExactly("eth0", "lo");
    }

    @Test
    void virtioNicHasItsDriverAndNoSpeedOrNode()
    {
        final HardwareSurvey survey = HardwareSurvey.read(FakeMachines.cloudVm(root).root());

        assertThat(survey.physicalNics()).containsExactly(new Nic("eth0", "virtio_net", "virtio2", 1, 1, -1, -1));
        assertThat(survey.numaNodeCount()).isEqualTo(1);
        assertThat(survey.gaps()).singleElement().asString().contains("NUMA layout unknown");
    }

    @Test
    void readsThisMachinesCpuFromTheFixture()
    {
        final HardwareSurvey survey = HardwareSurvey.read(FakeMachines.thisMachine(root).root());

        assertThat(survey.cpu().processorCount()).isEqualTo(2);
        assertThat(survey.cpu().modelName()).isEqualTo("Intel(R) Xeon(R) Processor");
        assertThat(survey.cpu().flags()).contains("aes", "vaes", "avx512f", "sha_ni");
        assertThat(survey.numaNodes()).containsExactly(new NumaNode(0, List.of(0, 1)));
    }

    @Test
    void anEmptyTreeGivesNothingAndSaysWhatIsMissingWithoutThrowing()
    {
        final HardwareSurvey survey = HardwareSurvey.read(root);

        assertThat(survey.cpu().processorCount()).isZero();
        assertThat(survey.nics()).isEmpty();
        assertThat(survey.numaNodes()).isEmpty();
        assertThat(survey.gaps()).hasSize(3).anyMatch(gap -> gap.contains("proc/cpuinfo"))
            .anyMatch(gap -> gap.contains("sys/class/net"));
    }

    @Test
    void aCorruptCpuListIsNamedAsAGap()
    {
        new FakeMachine(root).processors(2, "x", "fpu").numaNode(0, "0-1").numaNode(1, "3-2").virtualNic("lo");

        final HardwareSurvey survey = HardwareSurvey.read(root);

        assertThat(survey.numaNodes()).extracting(NumaNode::id).containsExactly(0);
        assertThat(survey.gaps()).singleElement().asString().contains("node1").contains("not a CPU list");
    }

    @Test
    void readsTheRealMachineWithoutGapsInTheCpu()
    {
        final HardwareSurvey survey = HardwareSurvey.readThisMachine();

        assertThat(survey.cpu().processorCount()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(survey.gaps()).noneMatch(gap -> gap.contains("cpuinfo"));
        assertThat(survey.nics()).extracting(Nic::name).contains("lo");
    }
}
