package io.torii.ike.dos;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts half-open IKE SAs in all and per source address, and says what a new IKE_SA_INIT request from
 * an address gets: an answer, a demand for a cookie, or nothing. The IKE SA manager reports each SA
 * that becomes half-open and each that stops being so (established, failed or timed out).
 *
 * <p>Thread-safe: one per daemon, shared by its IKE handlers, so that the thresholds count every half-open
 * SA of the daemon as strongSwan's do, however the SAs spread over handlers. A verdict and the opening that
 * follows it are two steps, so handlers deciding at the same moment may each let one more SA through.
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
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong cookiesDemanded = new AtomicLong();

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
            dropped.incrementAndGet();
            return Verdict.DROP;
        }
        if (total.get() >= limits.cookieThreshold() || fromSource >= limits.cookieThresholdPerAddress())
        {
            cookiesDemanded.incrementAndGet();
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
        total.incrementAndGet();
    }

    /**
     * @param source the initiator's address of an SA that is half-open no more.
     * @throws IllegalStateException when no SA of that address was half-open: a bookkeeping error.
     */
    public void closed(final InetAddress source)
    {
        final boolean[] found = new boolean[1];
        perAddress.computeIfPresent(source, (address, count) ->
        {
            found[0] = true;
            return count == 1 ? null : count - 1;
        });
        if (!found[0])
        {
            throw new IllegalStateException("no half-open IKE SA from " + source.getHostAddress() + " to close");
        }
        total.decrementAndGet();
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
        return total.get();
    }

    /** @return requests dropped for their address's half-open SAs. */
    public long dropped()
    {
        return dropped.get();
    }

    /** @return requests answered with a demand for a cookie. */
    public long cookiesDemanded()
    {
        return cookiesDemanded.get();
    }

    /** @return the thresholds. */
    public HalfOpenLimits limits()
    {
        return limits;
    }
}
