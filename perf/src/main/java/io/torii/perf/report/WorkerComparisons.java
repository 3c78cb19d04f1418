package io.torii.perf.report;

import java.util.List;

/**
 * The two comparisons the worker targets rest on, each between rows of one run: a row's per-worker
 * speed against the C limit of its size, and against the same scenario with a single tunnel.
 */
public final class WorkerComparisons
{
    private WorkerComparisons()
    {
    }

    /**
     * @param row a worker-loop row.
     * @param rows every row of the run.
     * @return the row's per-worker packet rate over the C limit's of the same size (both include the
     *         copy from the pool), or NaN when no C limit of that size was measured.
     */
    public static double ratioToCLimit(final WorkerRow row, final List<WorkerRow> rows)
    {
        if (row.isRawC())
        {
            return Double.NaN;
        }
        for (final WorkerRow limit : rows)
        {
            if (limit.isRawC() && limit.tunnels() == 1 && limit.size().equals(row.size()))
            {
                return row.mppsPerWorker() / limit.mpps();
            }
        }
        return Double.NaN;
    }

    /**
     * @param row a worker-loop row, or a C limit row, whose tunnels are the keys its jobs take in turn.
     * @param rows every row of the run.
     * @return the share of per-worker packet rate lost against the row of the same engine, direction, size
     *         and workers with 1 tunnel (0.25 for a quarter slower, negative when faster), or NaN when the
     *         row has 1 tunnel or that row was not measured.
     */
    public static double lossVsOneTunnel(final WorkerRow row, final List<WorkerRow> rows)
    {
        if (row.tunnels() == 1)
        {
            return Double.NaN;
        }
        for (final WorkerRow base : rows)
        {
            if (base.tunnels() == 1 && base.engine().equals(row.engine()) &&
                base.direction().equals(row.direction()) && base.size().equals(row.size()) &&
                base.workers() == row.workers())
            {
                return 1.0 - row.mppsPerWorker() / base.mppsPerWorker();
            }
        }
        return Double.NaN;
    }
}
