package io.torii.ike.sa;

import java.util.random.RandomGenerator;

/**
 * When an unanswered request is sent again and when the exchange gives up (RFC 7296 §2.1 leaves the
 * timing to the implementation), computed as strongSwan computes it so that its users' settings mean
 * the same here: before retransmission {@code n} (the first send is 0) the initiator waits
 * {@code timeout * base^n} seconds, at most {@code limit} when it is set, less a random share of up to
 * {@code jitter} percent; after {@code tries} retransmissions it waits once more and gives up. With
 * strongSwan's defaults (4 s, 1.8, 5 tries) that is 4, 7.2, 13, 23.3, 42 and 75.6 s: 165 s in all.
 *
 * @param timeoutSeconds {@code charon.retransmit_timeout}, more than 0.
 * @param base {@code charon.retransmit_base}, 1 or more.
 * @param tries {@code charon.retransmit_tries}, 0 or more.
 * @param jitterPercent {@code charon.retransmit_jitter}, 0 to 100.
 * @param limitSeconds {@code charon.retransmit_limit}, 0 for none.
 */
public record RetransmitSchedule(double timeoutSeconds, double base, int tries, int jitterPercent,
    double limitSeconds)
{
    /** strongSwan's defaults. */
    public static final RetransmitSchedule STRONGSWAN_DEFAULTS = new RetransmitSchedule(4.0, 1.8, 5, 0, 0);

    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * @throws IllegalArgumentException when a value is outside what strongSwan accepts.
     */
    public RetransmitSchedule
    {
        if (!(timeoutSeconds > 0) || !(base >= 1) || tries < 0 || jitterPercent < 0 || jitterPercent > 100 ||
            !(limitSeconds >= 0))
        {
            throw new IllegalArgumentException("retransmit timeout " + timeoutSeconds + " s, base " + base +
                ", tries " + tries + ", jitter " + jitterPercent + " %, limit " + limitSeconds + " s: expected a " +
                "timeout above 0, a base of 1 or more, tries of 0 or more, jitter 0-100 and a limit of 0 or more");
        }
    }

    /**
     * @param sent how many times the request went out already, 1 after the first send.
     * @return true when it is to be sent again once {@link #delayNanos} passes without an answer; false when
     *         that wait is the last and the exchange then fails.
     */
    public boolean retransmitsAfter(final int sent)
    {
        return sent <= tries;
    }

    /**
     * @param sent how many times the request went out already, 1 after the first send.
     * @param random draws the jitter; unused when jitter is 0.
     * @return how long to wait for an answer before the next step.
     */
    public long delayNanos(final int sent, final RandomGenerator random)
    {
        double seconds = timeoutSeconds * Math.pow(base, Math.max(0, sent - 1));
        if (limitSeconds > 0)
        {
            seconds = Math.min(seconds, limitSeconds);
        }
        if (jitterPercent > 0)
        {
            seconds -= seconds * random.nextInt(jitterPercent) / 100.0;
        }
        return Math.round(seconds * NANOS_PER_SECOND);
    }

    /** @return how long an exchange lasts at most without an answer, jitter aside. */
    public long totalNanos()
    {
        long total = 0;
        for (int sent = 1; sent <= tries + 1; sent++)
        {
            total += delayNanos(sent, null);
        }
        return total;
    }
}
