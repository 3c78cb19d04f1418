package io.torii.dataplane.config;

import io.torii.dataplane.threading.CpuAffinity;
import io.torii.dataplane.threading.CpuSets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a CPU list setting such as {@code cpus = 2,3,4-7}: CPU numbers and inclusive ranges,
 * comma-separated, kept in the order written (the n-th CPU goes to the n-th worker), as
 * taskset(1) and the kernel's {@code Cpus_allowed_list} write them.
 */
final class CpuListValue
{
    private CpuListValue()
    {
    }

    /**
     * @param value the setting.
     * @param allowed the CPUs this process may run on.
     * @return the CPUs, in the order written.
     * @throws SettingsException at the value's line for bad syntax, a backwards range, a CPU
     *     above {@link CpuAffinity#MAX_CPUS} - 1, a CPU listed twice, or one not allowed.
     */
    static List<Integer> parse(final SettingsValue value, final BitSet allowed)
    {
        final List<Integer> cpus = new ArrayList<>();
        final BitSet seen = new BitSet();
        for (final String item : value.value().split("\\s*,\\s*", -1))
        {
            if (!item.matches("[0-9]{1,7}(-[0-9]{1,7})?"))
            {
                throw value.error("expected CPU numbers and ranges such as 2,3,4-7, found '" + item + "'");
            }
            final int dash = item.indexOf('-');
            final int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
            final int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1));
            if (last < first)
            {
                throw value.error("range " + item + " runs backwards; write " + last + "-" + first);
            }
            for (int cpu = first; cpu <= last; cpu++)
            {
                if (cpu >= CpuAffinity.MAX_CPUS)
                {
                    throw value.error("CPU " + cpu + " is above " + (CpuAffinity.MAX_CPUS - 1) +
                        ", the highest a cpu_set_t holds");
                }
                if (seen.get(cpu))
                {
                    throw value.error("CPU " + cpu + " is listed twice; each worker needs a CPU of its own");
                }
                if (!allowed.get(cpu))
                {
                    throw value.error("CPU " + cpu + " is not one this process may run on; allowed: " +
                        CpuSets.format(allowed));
                }
                seen.set(cpu);
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
