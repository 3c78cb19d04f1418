package io.torii.perf.lab.scenario;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers the lab takes from {@code iperf3 -J}'s report: the TCP bit rate the receiver saw, and for
 * UDP the summary's seconds, packets and lost packets. Reads by pattern, as the report's shape (its
 * {@code end} object) is stable across iperf3 3.x; a report without them gives empty results.
 */
public final class Iperf3Report
{
    private static final Pattern TCP_RECEIVED = Pattern.compile(
        "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+-]+)");
    private static final Pattern SUM = Pattern.compile("\"sum\"\\s*:\\s*\\{([^}]*)\\}");

    private Iperf3Report()
    {
    }

    /**
     * @param json iperf3's JSON report of a TCP test.
     * @return bits per second received, or empty when the report has none.
     */
    public static OptionalDouble tcpBitsPerSecond(final String json)
    {
        final Matcher matcher = TCP_RECEIVED.matcher(json);
        return matcher.find() ? parse(matcher.group(1)) : OptionalDouble.empty();
    }

    /**
     * @param json iperf3's JSON report of a UDP test.
     * @return the summary, or null when the report has none (the last {@code sum} that counts lost packets:
     *         the intervals' sums come first).
     */
    public static UdpSummary udpSummary(final String json)
    {
        final Matcher matcher = SUM.matcher(json);
        String last = null;
        while (matcher.find())
        {
            if (matcher.group(1).contains("\"lost_packets\""))
            {
                last = matcher.group(1);
            }
        }
        if (last == null)
        {
            return null;
        }
        final OptionalDouble seconds = field(last, "seconds");
        final OptionalDouble packets = field(last, "packets");
        final OptionalDouble lost = field(last, "lost_packets");
        if (seconds.isEmpty() || packets.isEmpty() || lost.isEmpty() || !(seconds.getAsDouble() > 0))
        {
            return null;
        }
        return new UdpSummary(seconds.getAsDouble(), (long)packets.getAsDouble(), (long)lost.getAsDouble());
    }

    private static OptionalDouble field(final String object, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(object);
        return matcher.find() ? parse(matcher.group(1)) : OptionalDouble.empty();
    }

    private static OptionalDouble parse(final String number)
    {
        try
        {
            return OptionalDouble.of(Double.parseDouble(number));
        }
        catch (final NumberFormatException ex)
        {
            return OptionalDouble.empty();
        }
    }

    /**
     * A UDP test's summary.
     *
     * @param seconds how long it ran.
     * @param packets datagrams sent.
     * @param lost datagrams that did not arrive.
     */
    public record UdpSummary(double seconds, long packets, long lost)
    {
        /** @return datagrams delivered per second. */
        public double deliveredPerSecond()
        {
            return (packets - lost) / seconds;
        }

        /** @return the share lost, in percent; 0 when nothing was sent. */
        public double lossPercent()
        {
            return packets == 0 ? 0 : 100.0 * lost / packets;
        }
    }
}
