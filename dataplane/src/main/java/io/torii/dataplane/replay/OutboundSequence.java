package io.torii.dataplane.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The sequence number counter of one outbound SA (RFC 4303 §3.3.3): hands out consecutive numbers and
 * never cycles. The hard limit is {@code 2^32 - 1} without ESN and {@code 2^64 - 1} (unsigned) with ESN;
 * past it {@link #next()} returns {@link #EXHAUSTED} and the packet must be dropped until a new SA takes
 * over. A soft limit below it raises the rekey request early, so IKE has time to make that new SA.
 *
 * <p>With ESN every 64-bit pattern but 0 is a valid number, including the ones that are negative as a
 * Java {@code long}, so the sentinel is 0, the one number a sender never uses: compare with
 * {@link #EXHAUSTED}, not with {@code < 0}.
 *
 * <p>Allocation-free after construction. Not thread-safe: the worker owning the SA owns this.
 */
public final class OutboundSequence
{
    /** What {@link #next()} returns once the hard limit was handed out; never a valid sequence number. */
    public static final long EXHAUSTED = 0L;
    /** The last number an SA without ESN may send. */
    public static final long HARD_LIMIT_32 = 0xFFFF_FFFFL;
    /** The last number an SA with ESN may send, {@code 2^64 - 1} as an unsigned long. */
    public static final long HARD_LIMIT_64 = -1L;

    private final long hardLimit;
    private final long softLimit;
    private long nextSequence;
    private boolean exhausted;
    private boolean rekeyNeeded;
    private boolean rekeyEventTaken;

    /**
     * @param first the first number to hand out, unsigned; 1 for a new SA, more when the SA's state is
     *     restored. At most the hard limit.
     * @param esn whether the SA uses 64-bit extended sequence numbers.
     * @param softLimit the first number, unsigned, whose handing out asks for a rekey; 1 to the hard limit.
     * @throws IllegalArgumentException when a number is 0 or beyond the hard limit.
     */
    public OutboundSequence(final long first, final boolean esn, final long softLimit)
    {
        hardLimit = hardLimit(esn);
        if (first == 0 || Long.compareUnsigned(first, hardLimit) > 0)
        {
            throw new IllegalArgumentException("first outbound sequence number " + Long.toUnsignedString(first) +
                " out of range: expected 1 to " + Long.toUnsignedString(hardLimit) +
                (esn ? "" : " (more needs esn = yes)"));
        }
        if (softLimit == 0 || Long.compareUnsigned(softLimit, hardLimit) > 0)
        {
            throw new IllegalArgumentException("rekey threshold " + Long.toUnsignedString(softLimit) +
                " out of range: expected 1 to the hard limit " + Long.toUnsignedString(hardLimit));
        }
        this.nextSequence = first;
        this.softLimit = softLimit;
    }

    /**
     * A counter that asks for a rekey once fewer than {@code margin} numbers are left after the one handed out.
     *
     * @param first the first number to hand out; see {@link #OutboundSequence(long, boolean, long)}.
     * @param esn whether the SA uses 64-bit extended sequence numbers.
     * @param margin how many numbers to keep in reserve, 0 (rekey at the hard limit) up to the hard limit - 1,
     *     unsigned.
     * @return the counter.
     * @throws IllegalArgumentException when a value is out of range.
     */
    public static OutboundSequence withMargin(final long first, final boolean esn, final long margin)
    {
        final long hard = hardLimit(esn);
        if (Long.compareUnsigned(margin, hard - 1) > 0)
        {
            throw new IllegalArgumentException("rekey margin " + Long.toUnsignedString(margin) +
                " out of range: expected 0 to " + Long.toUnsignedString(hard - 1));
        }
        return new OutboundSequence(first, esn, hard - margin);
    }

    /**
     * A counter that asks for a rekey once it has handed out a fraction of the whole sequence space.
     *
     * @param first the first number to hand out; see {@link #OutboundSequence(long, boolean, long)}.
     * @param esn whether the SA uses 64-bit extended sequence numbers.
     * @param fraction above 0 and at most 1, such as 0.9; the threshold is the hard limit times this,
     *     rounded up.
     * @return the counter.
     * @throws IllegalArgumentException when a value is out of range.
     */
    public static OutboundSequence withFraction(final long first, final boolean esn, final double fraction)
    {
        if (!(fraction > 0.0 && fraction <= 1.0))
        {
            throw new IllegalArgumentException("rekey fraction " + fraction + " out of range: expected above 0 " +
                "and at most 1, such as 0.9");
        }
        final long hard = hardLimit(esn);
        // Exact decimal arithmetic: a double cannot hold 2^64 - 1, and the product must not pass the limit.
        // Rounding up keeps the threshold at 1 or more for any fraction above 0.
        final long threshold = new BigDecimal(fraction)
            .multiply(new BigDecimal(Long.toUnsignedString(hard)))
            .setScale(0, RoundingMode.CEILING)
            .toBigInteger()
            .longValue();
        return new OutboundSequence(first, esn, threshold);
    }

    /**
     * @param esn whether the SA uses 64-bit extended sequence numbers.
     * @return the last number such an SA may send, unsigned.
     */
    public static long hardLimit(final boolean esn)
    {
        return esn ? HARD_LIMIT_64 : HARD_LIMIT_32;
    }

    /**
     * Hands out the next sequence number; the hard limit itself is handed out, then nothing more.
     *
     * @return the number, unsigned, or {@link #EXHAUSTED} when the hard limit was already handed out.
     */
    public long next()
    {
        if (exhausted)
        {
            return EXHAUSTED;
        }
        final long sequence = nextSequence;
        if (sequence == hardLimit)
        {
            // Do not step past: with ESN the step would wrap to 0, which must never be sent.
            exhausted = true;
        }
        else
        {
            nextSequence = sequence + 1;
        }
        if (Long.compareUnsigned(sequence, softLimit) >= 0)
        {
            rekeyNeeded = true;
        }
        return sequence;
    }

    /**
     * @return true once a number at or above the soft limit was handed out, or the counter ran out; stays
     *     true.
     */
    public boolean rekeyNeeded()
    {
        return rekeyNeeded;
    }

    /**
     * For raising the rekey-needed event once, from whichever code polls for it.
     *
     * @return true the first time it is called after {@link #rekeyNeeded()} became true, false otherwise.
     */
    public boolean takeRekeyEvent()
    {
        if (rekeyNeeded && !rekeyEventTaken)
        {
            rekeyEventTaken = true;
            return true;
        }
        return false;
    }

    /**
     * @return true once the hard limit was handed out: {@link #next()} returns only {@link #EXHAUSTED} now.
     */
    public boolean isExhausted()
    {
        return exhausted;
    }

    /**
     * @return the number the next call to {@link #next()} hands out, unsigned, or {@link #EXHAUSTED}.
     */
    public long peek()
    {
        return exhausted ? EXHAUSTED : nextSequence;
    }

    /**
     * @return the first number, unsigned, whose handing out asks for a rekey.
     */
    public long softLimit()
    {
        return softLimit;
    }

    /**
     * @return the last number this SA may send, unsigned.
     */
    public long hardLimit()
    {
        return hardLimit;
    }
}
