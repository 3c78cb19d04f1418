package io.torii.dataplane.replay;

import io.torii.dataplane.status.Disposition;
import java.util.Arrays;

/**
 * The anti-replay window of one inbound SA (RFC 4303 §3.4.3), over full 64-bit unsigned sequence numbers.
 *
 * <p>The window accepts a sequence number {@code s} when it is above the highest authenticated number
 * {@code T}, or when {@code T - s < W} (W the configured size) and {@code s} has not been committed yet.
 * The caller reconstructs the high-order bits first when ESN is on ({@link EsnReconstruction}); without
 * ESN the number is the unsigned 32-bit field.
 *
 * <p>The bitmap follows RFC 6479: a ring of 64-bit words where bit {@code s & 63} of word
 * {@code (s >>> 6) & (words - 1)} stands for {@code s}. The ring holds at least one word more than W needs,
 * so the word that {@code T} lives in can be partly "future" while the oldest word still covers the bottom
 * of the window. When {@code T} advances, only the words it moves into are cleared, one store per 64
 * numbers; a jump past the whole ring clears the ring. No bit-by-bit shifting.
 * <pre>
 *   word:   [ k-1 (older) ][ k (holds T) ][ k+1 spare, cleared when T enters it ] ...  ring of 2^n words
 *   bits:    0 .......... 63 0 .... T .. 63
 *                              ^ bits above T are always 0
 * </pre>
 *
 * <p>Two steps, so the ICV check sits between them and a forged packet cannot move the window:
 * {@link #check(long)} changes nothing; {@link #commit(long)} is called only once the ICV verified. A worker
 * that checks a whole burst before it commits any must call {@link #checkAndCommit(long)} after the ICV
 * instead, because two copies of one packet in the same burst would both pass {@code check}.
 *
 * <p>Size 0 turns replay checks off: everything passes, but {@link #highest()} still tracks the highest
 * committed number, which ESN reconstruction needs. Not thread-safe: the worker owning the SA owns this.
 */
public final class ReplayWindow
{
    /** The number is new: above the highest, or inside the window and not seen. */
    public static final int OK = 0;
    /** The number is inside the window and was already committed: a replay. */
    public static final int DUPLICATE = 1;
    /** The number lies at or below the bottom of the window, or is 0, which is never sent. */
    public static final int TOO_OLD = 2;

    /** The largest window accepted, in packets; the same as the SA record's limit. */
    public static final int MAX_SIZE = 1 << 20;

    private static final int WORD_SHIFT = 6;
    private static final int BITS_PER_WORD = 1 << WORD_SHIFT;

    private final long[] bitmap;
    private final int indexMask;
    private final int size;
    private long highest;

    /**
     * A window in which every number up to {@code initialHighest} counts as already received, so that an
     * SA installed with a known highest sequence number (after a restart, or moved between workers) does
     * not accept replays of the packets it may have seen before. With 0 the first packet may be any
     * number from 1 up.
     *
     * @param size the window in packets, 0 (replay checks off) to {@link #MAX_SIZE}; RFC 4303 asks for
     *     at least 32, with 64 the default.
     * @param initialHighest the highest sequence number already authenticated ("T"), unsigned.
     * @throws IllegalArgumentException when the size is out of range.
     */
    public ReplayWindow(final int size, final long initialHighest)
    {
        if (size < 0 || size > MAX_SIZE)
        {
            throw new IllegalArgumentException("replay window size " + size + " out of range: expected 0 " +
                "(replay checks off) to " + MAX_SIZE + " packets");
        }
        this.size = size;
        this.highest = initialHighest;
        if (size == 0)
        {
            bitmap = new long[0];
            indexMask = 0;
        }
        else
        {
            // One spare word beyond what W needs (RFC 6479), rounded to a power of two for masking.
            final int needed = ((size + BITS_PER_WORD - 1) >>> WORD_SHIFT) + 1;
            final int words = Integer.highestOneBit(needed - 1) << 1;
            bitmap = new long[words];
            indexMask = words - 1;
            Arrays.fill(bitmap, -1L);
            // Numbers above T in T's word are the future: not received.
            bitmap[wordIndex(initialHighest)] = -1L >>> (BITS_PER_WORD - 1 - (int)(initialHighest & 63));
        }
    }

    /**
     * Whether a received number may be accepted; changes nothing.
     *
     * @param sequence the full 64-bit sequence number, unsigned.
     * @return {@link #OK}, {@link #DUPLICATE} or {@link #TOO_OLD}.
     */
    public int check(final long sequence)
    {
        if (size == 0)
        {
            return OK;
        }
        if (sequence == 0)
        {
            // RFC 4303 §3.3.3: the first packet carries 1 and the counter never cycles, so 0 is never sent.
            return TOO_OLD;
        }
        if (Long.compareUnsigned(sequence, highest) > 0)
        {
            return OK;
        }
        if (Long.compareUnsigned(highest - sequence, size) >= 0)
        {
            return TOO_OLD;
        }
        return (bitmap[wordIndex(sequence)] & (1L << sequence)) != 0 ? DUPLICATE : OK;
    }

    /**
     * Records an authenticated number: sets its bit and, when it is a new highest, slides the window by
     * clearing the words it moves into. Call only after {@link #check(long)} said {@link #OK} and the ICV
     * verified. A number below the window is ignored rather than let it set a bit that now stands for a
     * newer number.
     *
     * @param sequence the full 64-bit sequence number, unsigned.
     */
    public void commit(final long sequence)
    {
        final long current = highest;
        if (Long.compareUnsigned(sequence, current) > 0)
        {
            highest = sequence;
            if (size == 0)
            {
                return;
            }
            final long blocks = (sequence >>> WORD_SHIFT) - (current >>> WORD_SHIFT);
            if (blocks > indexMask)
            {
                // Every word of the ring would be cleared, each once: clear them all.
                Arrays.fill(bitmap, 0L);
            }
            else
            {
                // Fewer than the ring's words: clear the ones T moves into, oldest first.
                final int first = (int)(current >>> WORD_SHIFT) + 1;
                for (int i = 0; i < (int)blocks; i++)
                {
                    bitmap[(first + i) & indexMask] = 0L;
                }
            }
        }
        else if (size == 0 || Long.compareUnsigned(current - sequence, size) >= 0)
        {
            return;
        }
        bitmap[wordIndex(sequence)] |= 1L << sequence;
    }

    /**
     * {@link #check(long)} then, when it says {@link #OK}, {@link #commit(long)}: for the step after the
     * ICV when several packets were checked before any was committed.
     *
     * @param sequence the full 64-bit sequence number, unsigned.
     * @return the result of the check; the number was committed only when it is {@link #OK}.
     */
    public int checkAndCommit(final long sequence)
    {
        final int result = check(sequence);
        if (result == OK)
        {
            commit(sequence);
        }
        return result;
    }

    /**
     * @return the highest committed sequence number ("T" in RFC 4303 Appendix A), unsigned.
     */
    public long highest()
    {
        return highest;
    }

    /**
     * @return the configured window size in packets; 0 when replay checks are off.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return the bits the ring holds: the size rounded up, plus one spare word, to a power of two; 0 when
     *     replay checks are off.
     */
    public int bitmapBits()
    {
        return bitmap.length * BITS_PER_WORD;
    }

    /**
     * @param result a result of {@link #check(long)}.
     * @return the disposition a packet gets for it: {@link Disposition#OK}, {@link Disposition#REPLAY} or
     *     {@link Disposition#OUTSIDE_WINDOW}.
     */
    public static Disposition disposition(final int result)
    {
        return switch (result)
        {
            case OK -> Disposition.OK;
            case DUPLICATE -> Disposition.REPLAY;
            default -> Disposition.OUTSIDE_WINDOW;
        };
    }

    private int wordIndex(final long sequence)
    {
        return (int)(sequence >>> WORD_SHIFT) & indexMask;
    }
}
