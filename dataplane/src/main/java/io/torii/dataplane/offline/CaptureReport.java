package io.torii.dataplane.offline;

import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.status.Disposition;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a capture run did: frames read and written, packets per disposition, and per SA.
 */
public final class CaptureReport
{
    private final Map<Disposition, Long> totals = new EnumMap<>(Disposition.class);
    private final Map<String, Map<Disposition, Long>> perSa = new LinkedHashMap<>();
    private long framesRead;
    private long framesWritten;
    private long passedNotIp;
    private long droppedNotIp;

    void frameRead()
    {
        framesRead++;
    }

    void frameWritten()
    {
        framesWritten++;
    }

    void notIp(final boolean passed)
    {
        if (passed)
        {
            passedNotIp++;
        }
        else
        {
            droppedNotIp++;
        }
    }

    void record(final Disposition disposition)
    {
        totals.merge(disposition, 1L, Long::sum);
    }

    void countSa(final SaConfig sa, final Disposition disposition, final long count)
    {
        perSa.computeIfAbsent(sa.name() + " (spi 0x" + String.format(Locale.ROOT, "%08x", sa.spi()) + ")",
            name -> new EnumMap<>(Disposition.class)).merge(disposition, count, Long::sum);
    }

    /**
     * @param saName the SA's section name.
     * @param disposition a disposition.
     * @return that SA's packets with it.
     */
    public long countSa(final String saName, final Disposition disposition)
    {
        for (final Map.Entry<String, Map<Disposition, Long>> sa : perSa.entrySet())
        {
            if (sa.getKey().startsWith(saName + " (spi"))
            {
                return sa.getValue().getOrDefault(disposition, 0L);
            }
        }
        return 0;
    }

    /** @return frames read from the input. */
    public long framesRead()
    {
        return framesRead;
    }

    /** @return frames written to the output. */
    public long framesWritten()
    {
        return framesWritten;
    }

    /**
     * @param disposition a disposition.
     * @return IP packets that ended with it.
     */
    public long count(final Disposition disposition)
    {
        return totals.getOrDefault(disposition, 0L);
    }

    /** @return frames that were not IP and were copied unchanged. */
    public long passedNotIp()
    {
        return passedNotIp;
    }

    /**
     * Prints the counts, one line each, as {@code torii pcap} shows them.
     *
     * @param out where to print.
     */
    public void print(final PrintStream out)
    {
        out.printf("%d frames read, %d written%n", framesRead, framesWritten);
        for (final Map.Entry<Disposition, Long> entry : totals.entrySet())
        {
            out.printf("  %-24s %d%s%n", entry.getKey().label(), entry.getValue(), note(entry.getKey()));
        }
        if (passedNotIp > 0)
        {
            out.printf("  %-24s %d (copied unchanged)%n", "not IP", passedNotIp);
        }
        if (droppedNotIp > 0)
        {
            out.printf("  %-24s %d (dropped: output is raw IP)%n", "not IP", droppedNotIp);
        }
        for (final Map.Entry<String, Map<Disposition, Long>> sa : perSa.entrySet())
        {
            final StringBuilder line = new StringBuilder("  SA ").append(sa.getKey()).append(':');
            sa.getValue().forEach((disposition, count) -> line.append(' ').append(disposition.label()).append(' ')
                .append(count).append(','));
            line.setLength(line.length() - 1);
            out.println(line);
        }
    }

    private static String note(final Disposition disposition)
    {
        return switch (disposition)
        {
            case OK -> "";
            case NOT_IPSEC -> " (copied unchanged)";
            default -> " (dropped)";
        };
    }
}
