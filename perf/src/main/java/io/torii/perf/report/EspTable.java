package io.torii.perf.report;

import java.util.List;
import java.util.Locale;

/**
 * Prints {@link EspRow}s as a fixed-width table. When refill baselines were measured, each ESP row also
 * shows its time net of the refill for its size: the engine's own cost.
 */
public final class EspTable
{
    private static final String HEADER = "%-18s %-5s %-8s %10s %8s %10s %8s %8s %10s%n";
    private static final String ROW = "%-18s %-5s %-8s %10.1f %8s %10s %8.3f %8.3f %10s%n";

    private EspTable()
    {
    }

    /**
     * @param rows the rows, in the order to print them.
     * @return the table, one line per row after a header.
     */
    public static String format(final List<EspRow> rows)
    {
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, HEADER, "suite", "size", "dir", "ns/packet", "+-", "net ns",
            "Mpps", "Gbit/s", "B/packet"));
        for (final EspRow row : rows)
        {
            table.append(String.format(Locale.ROOT, ROW, row.suite(), row.size(), row.direction(), row.nsPerPacket(),
                decimal(row.nsError(), 1), decimal(net(row, rows), 1), row.mpps(), row.gbps(),
                decimal(row.allocBytesPerPacket(), 0)));
        }
        return table.toString();
    }

    /** @return the row's time less the refill baseline of its size, or NaN when there is none. */
    private static double net(final EspRow row, final List<EspRow> rows)
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

    private static String decimal(final double value, final int places)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : "-";
    }
}
