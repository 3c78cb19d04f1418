package io.torii.perf.report;

import java.util.List;
import java.util.Locale;

/**
 * Prints {@link EspRow}s as a fixed-width table. When refill baselines were measured, each ESP row also
 * shows its time net of the refill for its size, the engine's own cost, and encrypt rows with a C limit
 * of their suite and size show the share of its speed they reach ({@link EspRow#ratioToCLimit()}).
 */
public final class EspTable
{
    private static final String HEADER = "%-18s %-5s %-14s %-8s %10s %8s %10s %8s %8s %10s %6s%n";
    private static final String ROW = "%-18s %-5s %-14s %-8s %10.1f %8s %10s %8.3f %8.3f %10s %6s%n";

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
        table.append(String.format(Locale.ROOT, HEADER, "suite", "size", "engine", "dir", "ns/packet", "+-",
            "net ns", "Mpps", "Gbit/s", "B/packet", "vs C"));
        for (final EspRow row : rows)
        {
            table.append(String.format(Locale.ROOT, ROW, row.suite(), row.size(), row.engine(), row.direction(),
                row.nsPerPacket(), decimal(row.nsError(), 1), decimal(NetTimes.net(row, rows), 1), row.mpps(),
                row.gbps(), decimal(row.allocBytesPerPacket(), 0), decimal(row.ratioToCLimit(), 2)));
        }
        return table.toString();
    }

    private static String decimal(final double value, final int places)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : "-";
    }
}
