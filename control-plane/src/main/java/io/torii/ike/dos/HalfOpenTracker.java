package io.torii.ike.dos;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts half-open IKE SAs in all and per source address, and says what a new IKE_SA_INIT request from
 * an address gets: an answer, a demand for a cookie, or nothing. The IKE SA manager reports each SA
 * that becomes half-open and each that stops being so (established, failed or timed out).
 *
 * <p>Not thread-safe: one per IKE handler thread, over the SAs that thread owns.
 */
public final class HalfOpenTracker
{
    /** What a new IKE_SA_INIT request gets. */
    public enum Verdict
    {
        /** Answer it. */
        ANSWER,
        /** Answer with a COOKIE notify unless it carries a valid cookie. */
        REQUIRE_COOKIE,
        /** Drop it: this address has too many half-open SAs. */
        DROP
    }

    private final HalfOpenLimits limits;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;
    private long dropped;
    private long cookiesDemanded;

    /**
     * @param limits the thresholds.
     */
    public HalfOpenTracker(final HalfOpenLimits limits)
    {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param source a request's source address.
     * @return what the request gets; a {@link Verdict#DROP} or {@link Verdict#REQUIRE_COOKIE} is counted.
     */
    public Verdict verdict(final InetAddress source)
    {
        final int fromSource = halfOpen(source);
        if (limits.blockThreshold() > 0 && fromSource >= limits.blockThreshold())
        {
            dropped++;
            return Verdict.DROP;
        }
        if (total >= limits.cookieThreshold() || fromSource >= limits.cookieThresholdPerAddress())
        {
            cookiesDemanded++;
            return Verdict.REQUIRE_COOKIE;
        }
        return Verdict.ANSWER;
    }

    /**
     * @param source the initiator's address of an SA that is now half-open.
     */
    public void opened(final InetAddress source)
    {
        perAddress.merge(source, 1, Integer::sum);
        total++;
    }

    /**
     * @param source the initiator's address of an SA that is half-open no more.
     * @throws IllegalStateException when no SA of that address was half-open: a bookkeeping error.
     */
    public void closed(final InetAddress source)
    {
        final Integer count = perAddress.get(source);
        if (count == null)
        {
            throw new IllegalStateException("no half-open IKE SA from " + source.getHostAddress() + " to close");
        }
        if (count == 1)
        {
            perAddress.remove(source);
        }
        else
        {
            perAddress.put(source, count - 1);
        }
        total--;
    }

    /**
     * @param source an address.
     * @return its half-open SAs.
     */
    public int halfOpen(final InetAddress source)
    {
        return perAddress.getOrDefault(source, 0);
    }

    /** @return half-open SAs in all. */
    public int total()
    {
        return total;
    }

    /** @return requests dropped for their address's half-open SAs. */
    public long dropped()
    {
        return dropped;
    }

    /** @return requests answered with a demand for a cookie. */
    public long cookiesDemanded()
    {
        return cookiesDemanded;
    }

    /** @return the thresholds. */
    public HalfOpenLimits limits()
    {
        return limits;
    }
}
