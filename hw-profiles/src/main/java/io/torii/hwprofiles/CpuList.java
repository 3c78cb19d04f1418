package io.torii.hwprofiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's CPU list format, as in {@code /sys/devices/system/node/node0/cpulist}: CPU
 * numbers and inclusive ranges, comma-separated ({@code 0-3,8-11}), see cpuset(7) "List format".
 */
final class CpuList
{
    /** More CPUs than any machine Torii runs on has; a list above it is a corrupt file. */
    private static final int MAX_CPU = 1 << 16;

    private CpuList()
    {
    }

    /**
     * @param text a CPU list; surrounding whitespace is ignored, an empty list is no CPUs.
     * @return the CPUs in ascending order as written, or empty when the text is not a CPU list.
     */
    static Optional<List<Integer>> parse(final String text)
    {
        final String list = text.strip();
        final List<Integer> cpus = new ArrayList<>();
        if (list.isEmpty())
        {
            return Optional.of(cpus);
        }
        for (final String item : list.split(",", -1))
        {
            if (!item.matches("[0-9]{1,5}(-[0-9]{1,5})?"))
            {
                return Optional.empty();
            }
            final int dash = item.indexOf('-');
            final int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
            final int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1));
            if (last < first || last >= MAX_CPU)
            {
                return Optional.empty();
            }
            for (int cpu = first; cpu <= last; cpu++)
            {
                cpus.add(cpu);
            }
        }
        return Optional.of(cpus);
    }
}
