package io.torii.perf.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Relates each encrypt row to the C limit ({@value EspRow#RAW_C_ENGINE}) of the same suite and size: the
 * raw C time per packet over the row's, both net of the refill baseline, so that 1.0 means as fast as
 * ipsec-mb called directly and 0.5 half as fast. Rows without a C limit of their suite and size, decrypt
 * and refill rows, and every row of a run without refill baselines get NaN.
 */
public final class CLimitRatios
{
    private CLimitRatios()
    {
    }

    /**
     * @param rows every row of the run.
     * @return the same rows in the same order, each with its ratio set.
     */
    public static List<EspRow> apply(final List<EspRow> rows)
    {
        final List<EspRow> withRatios = new ArrayList<>(rows.size());
        for (final EspRow row : rows)
        {
            withRatios.add(row.withRatioToCLimit(ratio(row, rows)));
        }
        return withRatios;
    }

    private static double ratio(final EspRow row, final List<EspRow> rows)
    {
        if (!EspRow.ENCRYPT.equals(row.direction()))
        {
            return Double.NaN;
        }
        for (final EspRow limit : rows)
        {
            if (limit.isRawC() && limit.suite().equals(row.suite()) && limit.size().equals(row.size()))
            {
                final double rowNet = NetTimes.net(row, rows);
                final double limitNet = NetTimes.net(limit, rows);
                return rowNet > 0 && limitNet > 0 ? limitNet / rowNet : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
