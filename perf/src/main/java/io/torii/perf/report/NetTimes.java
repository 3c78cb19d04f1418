package io.torii.perf.report;

import java.util.List;

/**
 * A row's time per packet net of the refill baseline of its size: what the engine itself costs, the
 * figure the table shows and that engines are compared on.
 */
public final class NetTimes
{
    private NetTimes()
    {
    }

    /**
     * @param row an ESP or C-limit row.
     * @param rows every row of the run, the refill baselines among them.
     * @return the row's time less the refill baseline of its size, or NaN for a refill row or when no
     *         baseline of that size was measured.
     */
    public static double net(final EspRow row, final List<EspRow> rows)
    {
        if (row.isRefill())
        {
            return Double.NaN;
        }
        for (final EspRow baseline : rows)
        {
            if (baseline.isRefill() && baseline.size().equals(row.size()))
            {
                return row.nsPerPacket() - baseline.nsPerPacket();
            }
        }
        return Double.NaN;
    }
}
