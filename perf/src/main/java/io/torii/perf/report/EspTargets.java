package io.torii.perf.report;

import io.torii.dataplane.crypto.ipsecmb.IpsecMbCryptoEngine;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The native engine's performance targets for {@value #SUITE}, judged on the rows of one run, one line
 * each with MET or MISSED:
 * <ul>
 *   <li>encrypt at 1400 B reaches at least 70 % of the C limit (net of the refill, as
 *       {@link EspRow#ratioToCLimit()});</li>
 *   <li>encrypt at 64 B runs at least 15 Mpps, refill included (the net rate is shown beside it);</li>
 *   <li>encrypt at 1400 B is at least 3 times as fast as the JDK engine, net of the refill;</li>
 *   <li>no allocation: below {@value #MAX_ALLOC_BYTES} B/packet in every native row of the suite, well
 *       under the 0.5 B/packet that one 16-byte object per 32-packet batch would show.</li>
 * </ul>
 * A target whose rows were not measured says so instead.
 */
public final class EspTargets
{
    /** The suite the targets are set for. */
    public static final String SUITE = "aes128gcm16";

    private static final String LARGE = "1400";
    private static final String SMALL = "64";
    private static final double MIN_SHARE_OF_C = 0.70;
    private static final double MIN_SMALL_MPPS = 15.0;
    private static final double MIN_SPEEDUP_OVER_JDK = 3.0;
    private static final double MAX_ALLOC_BYTES = 0.1;
    private static final String LINE = "target %-44s %-36s %-14s %s%n";
    private static final String NOT_MEASURED = "not measured";

    private EspTargets()
    {
    }

    /**
     * @param rows every row of the run, with their ratios to the C limit set.
     * @return one line per target, each ending in a newline.
     */
    public static String format(final List<EspRow> rows)
    {
        final StringBuilder lines = new StringBuilder();
        lines.append(shareOfC(rows)).append(smallMpps(rows)).append(speedupOverJdk(rows)).append(allocation(rows));
        return lines.toString();
    }

    private static String shareOfC(final List<EspRow> rows)
    {
        final String what = "native encrypt " + LARGE + " B vs raw C";
        final Optional<EspRow> row = find(rows, IpsecMbCryptoEngine.NAME, LARGE);
        if (row.isEmpty() || !Double.isFinite(row.get().ratioToCLimit()))
        {
            return line(what, NOT_MEASURED, ">= 70 %", null);
        }
        final double share = row.get().ratioToCLimit();
        return line(what, text("%.1f %% of the C limit (net)", share * 100), ">= 70 %",
            share >= MIN_SHARE_OF_C);
    }

    private static String smallMpps(final List<EspRow> rows)
    {
        final String what = "native encrypt " + SMALL + " B packet rate";
        final Optional<EspRow> row = find(rows, IpsecMbCryptoEngine.NAME, SMALL);
        if (row.isEmpty())
        {
            return line(what, NOT_MEASURED, ">= 15 Mpps", null);
        }
        final double mpps = row.get().mpps();
        final double net = NetTimes.net(row.get(), rows);
        final String netText = net > 0 ? text(" (net %.1f)", 1_000.0 / net) : "";
        return line(what, text("%.2f Mpps", mpps) + netText, ">= 15 Mpps", mpps >= MIN_SMALL_MPPS);
    }

    private static String speedupOverJdk(final List<EspRow> rows)
    {
        final String what = "native/JDK encrypt " + LARGE + " B speed";
        final Optional<EspRow> nativeRow = find(rows, IpsecMbCryptoEngine.NAME, LARGE);
        final Optional<EspRow> jdkRow = find(rows, JdkCryptoEngine.NAME, LARGE);
        if (nativeRow.isEmpty() || jdkRow.isEmpty())
        {
            return line(what, NOT_MEASURED, ">= 3x", null);
        }
        final double nativeNet = NetTimes.net(nativeRow.get(), rows);
        final double jdkNet = NetTimes.net(jdkRow.get(), rows);
        final double gross = jdkRow.get().nsPerPacket() / nativeRow.get().nsPerPacket();
        if (!(nativeNet > 0 && jdkNet > 0))
        {
            return line(what, text("%.2fx with refill (no net figure)", gross), ">= 3x",
                gross >= MIN_SPEEDUP_OVER_JDK);
        }
        final double speedup = jdkNet / nativeNet;
        return line(what, text("%.2fx net (%.2fx with refill)", speedup, gross), ">= 3x",
            speedup >= MIN_SPEEDUP_OVER_JDK);
    }

    private static String allocation(final List<EspRow> rows)
    {
        final String what = "native allocation, all " + SUITE + " rows";
        double worst = Double.NaN;
        String where = "";
        for (final EspRow row : rows)
        {
            if (row.suite().equals(SUITE) && row.engine().equals(IpsecMbCryptoEngine.NAME) &&
                Double.isFinite(row.allocBytesPerPacket()) &&
                !(row.allocBytesPerPacket() <= worst))
            {
                worst = row.allocBytesPerPacket();
                where = " (" + row.direction() + " " + row.size() + ")";
            }
        }
        if (Double.isNaN(worst))
        {
            return line(what, NOT_MEASURED, "0 B/packet", null);
        }
        return line(what, text("max %.3f B/packet", worst) + where, "0 B/packet",
            worst < MAX_ALLOC_BYTES);
    }

    private static Optional<EspRow> find(final List<EspRow> rows, final String engine, final String size)
    {
        for (final EspRow row : rows)
        {
            if (row.suite().equals(SUITE) && row.engine().equals(engine) && row.size().equals(size) &&
                EspRow.ENCRYPT.equals(row.direction()))
            {
                return Optional.of(row);
            }
        }
        return Optional.empty();
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
