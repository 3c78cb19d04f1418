package io.torii.perf.report;

import java.util.Locale;

/**
 * One measured ESP scenario: a suite, a packet size, an engine and a direction, with its cost per packet.
 *
 * @param scenario what was measured, such as {@code esp-tunnel-ipv4}, {@code raw-gcm} or {@code batch-refill}.
 * @param suite the ESP proposal, or {@code -} for a row that does no crypto.
 * @param size the size parameter: cleartext IP packet bytes, or {@code imix}.
 * @param meanBytes the mean cleartext IP packet size in bytes: what throughput counts.
 * @param engine the crypto engine, such as {@code jdk} or {@code ipsec-mb}; {@value #RAW_C_ENGINE} for the
 *        C limit; {@code none} for a refill baseline.
 * @param direction {@code encrypt}, {@code decrypt} or {@code refill}.
 * @param nsPerPacket the mean time per packet in nanoseconds.
 * @param nsError the half-width of JMH's 99.9% confidence interval, NaN when too few iterations.
 * @param allocBytesPerPacket bytes allocated per packet ({@code gc.alloc.rate.norm}), NaN when not profiled.
 * @param ratioToCLimit the C limit's time per packet over this row's, both net of the refill baseline: the
 *        share of the raw C speed this row reaches; NaN where there is no such figure (see
 *        {@link CLimitRatios}).
 */
public record EspRow(
    String scenario,
    String suite,
    String size,
    double meanBytes,
    String engine,
    String direction,
    double nsPerPacket,
    double nsError,
    double allocBytesPerPacket,
    double ratioToCLimit)
{
    /** The direction of a row that measures outbound ESP. */
    public static final String ENCRYPT = "encrypt";
    /** The direction of a row that measures inbound ESP. */
    public static final String DECRYPT = "decrypt";
    /** The direction of a baseline row that only refills a batch. */
    public static final String REFILL = "refill";
    /** The engine of the rows that measure ipsec-mb's AES-GCM called directly: the C limit. */
    public static final String RAW_C_ENGINE = "ipsec-mb-raw-c";

    /**
     * A row whose ratio to the C limit is not known yet.
     *
     * @param scenario what was measured.
     * @param suite the ESP proposal, or {@code -}.
     * @param size the size parameter.
     * @param meanBytes the mean cleartext IP packet size in bytes.
     * @param engine the crypto engine.
     * @param direction {@code encrypt}, {@code decrypt} or {@code refill}.
     * @param nsPerPacket the mean time per packet in nanoseconds.
     * @param nsError the half-width of JMH's 99.9% confidence interval.
     * @param allocBytesPerPacket bytes allocated per packet.
     */
    public EspRow(
        final String scenario,
        final String suite,
        final String size,
        final double meanBytes,
        final String engine,
        final String direction,
        final double nsPerPacket,
        final double nsError,
        final double allocBytesPerPacket)
    {
        this(scenario, suite, size, meanBytes, engine, direction, nsPerPacket, nsError, allocBytesPerPacket,
            Double.NaN);
    }

    /**
     * @param ratio the C limit's net time per packet over this row's.
     * @return this row with that ratio.
     */
    public EspRow withRatioToCLimit(final double ratio)
    {
        return new EspRow(scenario, suite, size, meanBytes, engine, direction, nsPerPacket, nsError,
            allocBytesPerPacket, ratio);
    }

    /** @return true for a row of the C limit. */
    public boolean isRawC()
    {
        return RAW_C_ENGINE.equals(engine);
    }

    /** @return true for a refill baseline row. */
    public boolean isRefill()
    {
        return REFILL.equals(direction);
    }

    /** @return millions of packets per second on one thread. */
    public double mpps()
    {
        return 1_000.0 / nsPerPacket;
    }

    /** @return cleartext gigabits per second on one thread: bits per packet over nanoseconds per packet. */
    public double gbps()
    {
        return meanBytes * Byte.SIZE / nsPerPacket;
    }

    /**
     * @return the row as one line of JSON with the fields scenario, suite, size (the parameter, a string),
     *         engine, direction, gbps, mpps, ns_per_packet, ratio_to_c_limit, alloc_bytes_per_packet, and
     *         also packet_bytes and ns_per_packet_error; numbers that were not measured are null.
     */
    public String toJsonLine()
    {
        return "{" +
            field("scenario", string(scenario)) + "," +
            field("suite", string(suite)) + "," +
            field("size", string(size)) + "," +
            field("engine", string(engine)) + "," +
            field("direction", string(direction)) + "," +
            field("gbps", number(gbps())) + "," +
            field("mpps", number(mpps())) + "," +
            field("ns_per_packet", number(nsPerPacket)) + "," +
            field("ratio_to_c_limit", number(ratioToCLimit)) + "," +
            field("alloc_bytes_per_packet", number(allocBytesPerPacket)) + "," +
            field("packet_bytes", number(meanBytes)) + "," +
            field("ns_per_packet_error", number(nsError)) +
            "}";
    }

    private static String field(final String name, final String value)
    {
        return "\"" + name + "\":" + value;
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String string(final String value)
    {
        final StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                quoted.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                quoted.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
