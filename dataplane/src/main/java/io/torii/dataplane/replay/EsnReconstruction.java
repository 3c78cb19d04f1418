package io.torii.dataplane.replay;

/**
 * The full 64-bit sequence number of a received packet from the 32 bits on the wire (RFC 4303 Appendix
 * A2.2). With ESN the high-order half ("Seqh") is never sent: it is inferred from the highest
 * authenticated number T and the window size W, and then covered by the ICV, so a wrong guess fails the
 * ICV instead of moving the window.
 *
 * <p>With {@code Bl = Tl - W + 1 (mod 2^32)}, the appendix's two cases:
 * <pre>
 *   Case A, Tl &gt;= W - 1 (window within one subspace):   Seql &gt;= Bl: Th     Seql &lt; Bl: Th + 1
 *   Case B, Tl &lt;  W - 1 (window spans two subspaces):  Seql &gt;= Bl: Th - 1 Seql &lt; Bl: Th
 * </pre>
 * That recovers every number from {@code T - W + 1} to {@code T - W + 2^32}. Two corners the appendix
 * leaves open are resolved toward the only value the sender can have sent: in case B with {@code Th = 0}
 * there is no earlier subspace, so Seqh stays 0 (the packet is ahead of T); in case A with
 * {@code Th = 2^32 - 1} the counter cannot wrap, so Seqh stays {@code Th} (the packet is below the
 * window and the replay check drops it).
 *
 * <p>Stateless and allocation-free.
 */
public final class EsnReconstruction
{
    private static final long LOW_MASK = 0xFFFF_FFFFL;
    private static final long MAX_HIGH = 0xFFFF_FFFFL;
    /** The widest window the appendix's algorithm allows; used when replay checks are off. */
    private static final long HALF_SPACE = 1L << 31;

    private EsnReconstruction()
    {
    }

    /**
     * Infers the high-order 32 bits of an ESN sequence number (RFC 4303 Appendix A2.2).
     *
     * @param sequenceLow the 32-bit sequence number field as received, unsigned.
     * @param highest the highest authenticated sequence number T, unsigned 64-bit ({@link ReplayWindow#highest()}).
     * @param windowSize the replay window W in packets ({@link ReplayWindow#size()}); 0 or less when replay
     *     checks are off, which infers the number nearest T (a window of 2^31, the most the appendix allows).
     * @return the full 64-bit sequence number, unsigned.
     */
    public static long infer(final int sequenceLow, final long highest, final int windowSize)
    {
        final long seql = sequenceLow & LOW_MASK;
        final long tl = highest & LOW_MASK;
        final long th = highest >>> 32;
        final long w = windowSize > 0 ? windowSize : HALF_SPACE;
        final long bl = (tl - w + 1) & LOW_MASK;
        final long seqh;
        if (tl >= w - 1)
        {
            // Case A: a number below the window's bottom can only be one that wrapped into the next subspace.
            seqh = seql >= bl || th == MAX_HIGH ? th : th + 1;
        }
        else
        {
            // Case B: the window's bottom lies in the previous subspace; a number at or above it is a late one.
            seqh = seql >= bl && th > 0 ? th - 1 : th;
        }
        return seqh << 32 | seql;
    }

    /**
     * The full sequence number of a received packet, with or without ESN.
     *
     * @param sequenceLow the 32-bit sequence number field as received, unsigned.
     * @param highest the highest authenticated sequence number T, unsigned.
     * @param windowSize the replay window W in packets; 0 when replay checks are off.
     * @param esn whether the SA uses extended sequence numbers.
     * @return with ESN, {@link #infer(int, long, int)}; without, the field as an unsigned number.
     */
    public static long reconstruct(final int sequenceLow, final long highest, final int windowSize, final boolean esn)
    {
        return esn ? infer(sequenceLow, highest, windowSize) : sequenceLow & LOW_MASK;
    }
}
