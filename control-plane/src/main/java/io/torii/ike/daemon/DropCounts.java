package io.torii.ike.daemon;

import io.torii.ike.message.MalformedReason;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IKE messages the daemon dropped, counted by reason: those the SA manager dropped before any SA saw them
 * (too short, for no SA we know, over the half-open limits), those an SA's decoder refused (one
 * {@link MalformedReason} each), and those that decoded but did not fit the exchange. The daemon writes
 * the counts as one line when it stops, so a test or an operator can see that each bad message was counted
 * and why.
 *
 * <p>Single-threaded, like the manager that owns it.
 */
public final class DropCounts
{
    /** Shorter than the fixed IKE header. */
    public static final String TOO_SHORT = "too_short";
    /** For an SPI that names no SA of ours, and no new IKE_SA_INIT request. */
    public static final String UNKNOWN_SPI = "unknown_spi";
    /** A new IKE_SA_INIT request over the half-open limits, or with no connection to answer it. */
    public static final String REFUSED_INIT = "refused_init";
    /** Well-formed, but not the message the exchange expects (wrong message ID, exchange or role). */
    public static final String UNEXPECTED = "unexpected";

    private final Map<String, Long> counts = new TreeMap<>();

    /**
     * @param reason why one message was dropped.
     */
    public void count(final String reason)
    {
        add(reason, 1);
    }

    /**
     * @param reason why messages were dropped.
     * @param n how many.
     */
    public void add(final String reason, final long n)
    {
        if (n > 0)
        {
            counts.merge(reason, n, Long::sum);
        }
    }

    /**
     * Adds what one SA dropped.
     *
     * @param malformed its decoder's drops by reason.
     * @param unexpected its well-formed messages that did not fit.
     */
    public void addSession(final Map<MalformedReason, Long> malformed, final long unexpected)
    {
        malformed.forEach((reason, n) -> add(reason.name().toLowerCase(Locale.ROOT), n));
        add(UNEXPECTED, unexpected);
    }

    /** @return every count so far, by reason in alphabetical order. */
    public Map<String, Long> counts()
    {
        return Map.copyOf(counts);
    }

    /** @return how many messages were dropped in all. */
    public long total()
    {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return one log line, such as {@code [NET] dropped 3 malformed messages: integrity_failed=2 too_short=1}.
     */
    public String summary()
    {
        final StringBuilder line = new StringBuilder("[NET] dropped ").append(total()).append(" malformed messages:");
        if (counts.isEmpty())
        {
            line.append(" none");
        }
        counts.forEach((reason, n) -> line.append(' ').append(reason).append('=').append(n));
        return line.toString();
    }
}
