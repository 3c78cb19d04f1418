package io.torii.nativeshim;

/**
 * What an {@link XskSocket} has lost, as the kernel ({@code XDP_STATISTICS}) and the shim count it.
 *
 * @param rxDropped frames the kernel dropped for other reasons than a full RX ring, an empty fill ring's
 *        included.
 * @param rxInvalid invalid RX descriptors.
 * @param txInvalid invalid TX descriptors.
 * @param rxRingFull frames dropped because the RX ring was full: the worker fell behind.
 * @param fillRingEmpty frames dropped because the fill ring was empty; the kernel counts them in
 *        {@code rxDropped} as well.
 * @param txRingEmpty wakeups that found the TX ring empty.
 * @param rxTooLong frames dropped by the shim because the caller's buffer was shorter.
 * @param txNoFrame sends refused by the shim for want of a free UMEM frame (the TX ring was busy).
 */
public record XskStatistics(
    long rxDropped,
    long rxInvalid,
    long txInvalid,
    long rxRingFull,
    long fillRingEmpty,
    long txRingEmpty,
    long rxTooLong,
    long txNoFrame)
{
    /** {@code TORII_XSK_STAT_COUNT}: the counters C writes, in the order of the components. */
    static final int COUNT = 8;
}
