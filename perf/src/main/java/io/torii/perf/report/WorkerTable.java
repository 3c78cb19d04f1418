package io.torii.perf.report;

import java.util.List;
import java.util.Locale;

/**
 * Prints {@link WorkerRow}s as a fixed-width table: totals over the workers and per worker, the share of
 * the C limit per worker and the loss against one tunnel ({@link WorkerComparisons}).
 */
public final class WorkerTable
{
    private static final String HEADER = "%-14s %-8s %-5s %7s %3s %8s %7s %8s %8s %8s %8s %7s %7s %8s%n";
    private static final String ROW = "%-14s %-8s %-5s %7d %3d %8.3f %7s %8.3f %8.2f %8.2f %8.1f %7s %7s %8s%n";

    private WorkerTable()
    {
    }

    /**
     * @param rows the rows, in the order to print them.
     * @return the table, one line per row after a header.
     */
    public static String format(final List<WorkerRow> rows)
    {
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, HEADER, "engine", "dir", "size", "tunnels", "wk", "Mpps", "+-",
            "Mpps/wk", "Gbit/s", "Gb/s/wk", "ns/pkt/wk", "vs C/wk", "loss", "B/packet"));
        for (final WorkerRow row : rows)
        {
            table.append(String.format(Locale.ROOT, ROW, row.engine(), row.direction(), row.size(), row.tunnels(),
                row.workers(), row.mpps(), decimal(row.mppsError(), 3), row.mppsPerWorker(), row.gbps(),
                row.gbpsPerWorker(), 1_000.0 / row.mppsPerWorker(),
                percent(WorkerComparisons.ratioToCLimit(row, rows)),
                percent(WorkerComparisons.lossVsOneTunnel(row, rows)), decimal(row.allocBytesPerPacket(), 3)));
        }
        return table.toString();
    }

    static String percent(final double share)
    {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : "-";
    }

    private static String decimal(final double value, final int places)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + places + "f", value) : "-";
    }
}
