package io.torii.perf.report;

import java.util.Locale;

/**
 * One measured worker-loop scenario, or the raw C limit it is compared with.
 *
 * @param engine the crypto engine, or {@value EspRow#RAW_C_ENGINE} for ipsec-mb's AES-GCM called directly.
 * @param direction {@code outbound} or {@code inbound}; the C limit is outbound (it seals).
 * @param size the size parameter: cleartext IP packet bytes, or {@code imix}.
 * @param meanBytes the mean cleartext IP packet size in bytes: what throughput counts.
 * @param tunnels tunnels over all workers; for the C limit, the keys its jobs take in turn.
 * @param workers workers, one thread each; 1 for the C limit.
 * @param mpps millions of packets per second over all workers.
 * @param mppsError the half-width of JMH's 99.9% confidence interval, NaN when too few iterations.
 * @param allocBytesPerPacket bytes allocated per packet ({@code gc.alloc.rate.norm}), NaN when not profiled.
 */
public record WorkerRow(
    String engine,
    String direction,
    String size,
    double meanBytes,
    int tunnels,
    int workers,
    double mpps,
    double mppsError,
    double allocBytesPerPacket)
{
    /** @return true for the C limit. */
    public boolean isRawC()
    {
        return EspRow.RAW_C_ENGINE.equals(engine);
    }

    /** @return millions of packets per second per worker: the total over the workers. */
    public double mppsPerWorker()
    {
        return mpps / workers;
    }

    /** @return cleartext gigabits per second over all workers. */
    public double gbps()
    {
        return mpps * meanBytes * Byte.SIZE / 1_000.0;
    }

    /** @return cleartext gigabits per second per worker. */
    public double gbpsPerWorker()
    {
        return gbps() / workers;
    }

    /**
     * @param ratioToCLimit per-worker speed over the C limit's of the same size, NaN when none.
     * @param lossVsOneTunnel the share of per-worker speed lost against the same row with 1 tunnel, NaN
     *        when none.
     * @return the row as one line of JSON; numbers that were not measured are null.
     */
    public String toJsonLine(final double ratioToCLimit, final double lossVsOneTunnel)
    {
        return String.format(Locale.ROOT, "{\"scenario\":\"%s\",\"engine\":\"%s\",\"direction\":\"%s\"," +
            "\"size\":\"%s\",\"packet_bytes\":%s,\"tunnels\":%d,\"workers\":%d,\"mpps\":%s,\"mpps_error\":%s," +
            "\"mpps_per_worker\":%s,\"gbps\":%s,\"gbps_per_worker\":%s,\"ratio_to_c_limit\":%s," +
            "\"loss_vs_1_tunnel\":%s,\"alloc_bytes_per_packet\":%s}",
            isRawC() ? "raw-gcm" : "worker-loop", engine, direction, size, number(meanBytes), tunnels, workers,
            number(mpps), number(mppsError), number(mppsPerWorker()), number(gbps()), number(gbpsPerWorker()),
            number(ratioToCLimit), number(lossVsOneTunnel), number(allocBytesPerPacket));
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }
}
