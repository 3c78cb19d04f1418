package io.torii.perf.lab.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Round-trip times from {@code ping}'s output ({@code ... time=0.123 ms}) into an HdrHistogram in
 * microseconds, three significant digits, up to ten seconds.
 */
public final class PingLatency
{
    private static final Pattern TIME = Pattern.compile("time=([0-9]+(?:\\.[0-9]+)?) ms");
    private static final long HIGHEST_MICROS = 10_000_000L;

    private PingLatency()
    {
    }

    /**
     * @param output what ping printed; lines without a time are ignored.
     * @return the round-trip times, microseconds; empty when there were none.
     */
    public static Histogram histogram(final String output)
    {
        final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
        final Matcher matcher = TIME.matcher(output);
        while (matcher.find())
        {
            final long micros = Math.round(Double.parseDouble(matcher.group(1)) * 1_000);
            histogram.recordValue(Math.clamp(micros, 1, HIGHEST_MICROS));
        }
        return histogram;
    }
}
