package io.torii.perf.report;

import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import java.util.List;
import java.util.Locale;

/**
 * The worker loop's targets with the native engine, judged on the rows of one run, one line per
 * measured row it applies to, each MET or MISSED:
 * <ul>
 *   <li>at 1400 B, per worker at least 50 % of the raw C limit's packet rate at 1400 B;</li>
 *   <li>at 64 B, at least 10 Mpps per worker;</li>
 *   <li>with {@value #MANY_TUNNELS} tunnels, at most 10 % of the per-worker rate lost against 1 tunnel;</li>
 *   <li>no allocation: below {@value #MAX_ALLOC_BYTES} B/packet in every native row.</li>
 * </ul>
 * Where the C limit ran with {@value #MANY_TUNNELS} keys, a reference line gives its own loss against one
 * key: the part of the tunnels' cost that is the key schedules' cache misses, which no Java code removes.
 * Targets with no rows to judge say so.
 */
public final class WorkerTargets
{
    /** The tunnel count the loss target is set for. */
    public static final int MANY_TUNNELS = 100_000;

    private static final String LARGE = "1400";
    private static final String SMALL = "64";
    private static final double MIN_SHARE_OF_C = 0.50;
    private static final double MIN_SMALL_MPPS = 10.0;
    private static final double MAX_LOSS = 0.10;
    private static final double MAX_ALLOC_BYTES = 0.1;
    private static final String LINE = "target %-52s %-30s %-12s %s%n";
    private static final String REFERENCE = "for reference: %-45s %-30s (ipsec-mb alone, its own prefetching)%n";

    private WorkerTargets()
    {
    }

    /**
     * @param rows every row of the run.
     * @return one line per judged row and target, each ending in a newline.
     */
    public static String format(final List<WorkerRow> rows)
    {
        final StringBuilder lines = new StringBuilder();
        int share = 0;
        int small = 0;
        int loss = 0;
        double worstAlloc = Double.NaN;
        String worstWhere = "";
        for (final WorkerRow row : rows)
        {
            if (row.isRawC() && row.tunnels() == MANY_TUNNELS)
            {
                final double lost = WorkerComparisons.lossVsOneTunnel(row, rows);
                final String value = Double.isFinite(lost) ? text("%.1f %% lost", lost * 100) : "no 1-key row";
                lines.append(String.format(Locale.ROOT, REFERENCE, text("raw C limit loss 1 -> %d keys %s B",
                    MANY_TUNNELS, row.size()), value));
            }
            if (!IpsecMbCryptoEngine.NAME.equals(row.engine()))
            {
                continue;
            }
            if (LARGE.equals(row.size()))
            {
                final double ratio = WorkerComparisons.ratioToCLimit(row, rows);
                lines.append(line(what(row, "1400 B per worker vs raw C"),
                    Double.isFinite(ratio) ? text("%.1f %% (%.2f Gbit/s/wk)", ratio * 100, row.gbpsPerWorker()) :
                        "no C limit measured", ">= 50 %", Double.isFinite(ratio) ? ratio >= MIN_SHARE_OF_C : null));
                share++;
            }
            if (SMALL.equals(row.size()))
            {
                lines.append(line(what(row, "64 B per worker"), text("%.2f Mpps", row.mppsPerWorker()),
                    ">= 10 Mpps", row.mppsPerWorker() >= MIN_SMALL_MPPS));
                small++;
            }
            if (row.tunnels() == MANY_TUNNELS)
            {
                final double lost = WorkerComparisons.lossVsOneTunnel(row, rows);
                lines.append(line(what(row, "loss 1 -> " + MANY_TUNNELS + " tunnels"),
                    Double.isFinite(lost) ? text("%.1f %% lost", lost * 100) : "no 1-tunnel row", "<= 10 %",
                    Double.isFinite(lost) ? lost <= MAX_LOSS : null));
                loss++;
            }
            if (Double.isFinite(row.allocBytesPerPacket()) && !(row.allocBytesPerPacket() <= worstAlloc))
            {
                worstAlloc = row.allocBytesPerPacket();
                worstWhere = " (" + row.direction() + " " + row.size() + " " + row.tunnels() + "t " +
                    row.workers() + "w)";
            }
        }
        if (share == 0)
        {
            lines.append(line("native 1400 B per worker vs raw C", "not measured", ">= 50 %", null));
        }
        if (small == 0)
        {
            lines.append(line("native 64 B per worker", "not measured", ">= 10 Mpps", null));
        }
        if (loss == 0)
        {
            lines.append(line("native loss 1 -> " + MANY_TUNNELS + " tunnels", "not measured", "<= 10 %", null));
        }
        lines.append(Double.isNaN(worstAlloc) ? line("native allocation", "not measured", "0 B/packet", null) :
            line("native allocation, all rows", text("max %.3f B/packet", worstAlloc) + worstWhere, "0 B/packet",
                worstAlloc < MAX_ALLOC_BYTES));
        return lines.toString();
    }

    private static String what(final WorkerRow row, final String target)
    {
        return text("%s %s %dt %dw", target, row.direction(), row.tunnels(), row.workers());
    }

    private static String line(final String what, final String value, final String target, final Boolean met)
    {
        final String verdict = met == null ? "NOT MEASURED" : met ? "MET" : "MISSED";
        return String.format(Locale.ROOT, LINE, what, value, "(" + target + ")", verdict);
    }

    private static String text(final String pattern, final Object... values)
    {
        return String.format(Locale.ROOT, pattern, values);
    }
}
