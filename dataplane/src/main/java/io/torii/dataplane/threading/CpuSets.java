package io.torii.dataplane.threading;

import java.util.BitSet;

/**
 * Writes a set of CPUs the way the kernel's {@code Cpus_allowed_list} and the {@code cpus} setting
 * do: ascending, runs of two or more as ranges, e.g. {@code 0-3,6,8-9}.
 */
public final class CpuSets
{
    private CpuSets()
    {
    }

    /**
     * @param cpus a set of CPU numbers.
     * @return the list form, or {@code none} for an empty set.
     */
    public static String format(final BitSet cpus)
    {
        if (cpus.isEmpty())
        {
            return "none";
        }
        final StringBuilder text = new StringBuilder();
        int first = cpus.nextSetBit(0);
        while (first >= 0)
        {
            final int end = cpus.nextClearBit(first);
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(first);
            if (end - 1 > first)
            {
                text.append('-').append(end - 1);
            }
            first = cpus.nextSetBit(end);
        }
        return text.toString();
    }
}
