package io.torii.hwprofiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the machine says of itself, as far as choosing a profile goes: the processors and their
 * features, the NUMA nodes, the network interfaces with their queues, and whether DPDK could run
 * (huge pages reserved, vfio-pci loaded).
 *
 * @param cpu the processors, from {@code /proc/cpuinfo}.
 * @param numaNodes the NUMA nodes; empty when the kernel publishes none.
 * @param nics every network interface, physical or not, by name.
 * @param hugePageBytes the huge pages reserved, over all page sizes.
 * @param vfioPci whether the vfio-pci driver is loaded.
 * @param gaps what could not be read, one line each; empty when everything was.
 */
public record HardwareSurvey(CpuInfo cpu, List<NumaNode> numaNodes, List<Nic> nics, long hugePageBytes,
    boolean vfioPci, List<String> gaps)
{
    /** The root of the running machine's file system. */
    public static final Path MACHINE_ROOT = Path.of("/");

    /**
     * Copies the lists so the record stays immutable.
     */
    public HardwareSurvey
    {
        numaNodes = List.copyOf(numaNodes);
        nics = List.copyOf(nics);
        gaps = List.copyOf(gaps);
    }

    /**
     * Reads the tree below a root; never throws: what cannot be read is left at "none" and named in
     * {@link #gaps()}.
     *
     * @param root the directory that stands for {@code /}: {@link #MACHINE_ROOT}, or a fake tree.
     * @return what {@code ROOT/proc} and {@code ROOT/sys} say.
     */
    public static HardwareSurvey read(final Path root)
    {
        final List<String> gaps = new ArrayList<>();
        CpuInfo cpu;
        try
        {
            cpu = CpuInfo.read(root);
        }
        catch (final IOException | RuntimeException ex)
        {
            gaps.add(root.resolve("proc/cpuinfo") + " could not be read (" + ex + "): processors unknown");
            cpu = new CpuInfo("", 0, Set.of());
        }
        final SysfsReader sysfs = new SysfsReader(root, gaps);
        final List<NumaNode> nodes = sysfs.numaNodes();
        final List<Nic> nics = sysfs.nics();
        return new HardwareSurvey(cpu, nodes, nics, sysfs.hugePageBytes(), sysfs.vfioPciLoaded(), gaps);
    }

    /** @return what this machine says of itself. */
    public static HardwareSurvey readThisMachine()
    {
        return read(MACHINE_ROOT);
    }

    /** @return the interfaces a device backs: NICs, not loopback, veth, bridges or tunnels. */
    public List<Nic> physicalNics()
    {
        return nics.stream().filter(Nic::physical).toList();
    }

    /** @return the most queue pairs any one physical NIC has; 0 without a physical NIC. */
    public int mostQueuePairs()
    {
        return physicalNics().stream().mapToInt(Nic::queuePairs).max().orElse(0);
    }

    /** @return the NUMA node count, at least 1 (a machine without NUMA information is one node). */
    public int numaNodeCount()
    {
        return Math.max(1, numaNodes.size());
    }
}
