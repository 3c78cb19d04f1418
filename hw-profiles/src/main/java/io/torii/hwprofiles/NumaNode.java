package io.torii.hwprofiles;

import java.util.List;

/**
 * One NUMA node: the CPUs closest to one bank of memory, as
 * {@code /sys/devices/system/node/nodeN/cpulist} lists them.
 *
 * @param id the node number N.
 * @param cpus its CPUs, ascending.
 */
public record NumaNode(int id, List<Integer> cpus)
{
    /**
     * Copies the CPU list so the record stays immutable.
     */
    public NumaNode
    {
        cpus = List.copyOf(cpus);
    }
}
