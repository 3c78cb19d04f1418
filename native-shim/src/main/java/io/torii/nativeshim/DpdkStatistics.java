package io.torii.nativeshim;

/**
 * What a {@link DpdkEthPort} has received, sent and lost, as the device ({@code rte_eth_stats})
 * and the shim count it, summed over its queues.
 *
 * @param rxPackets device: frames received.
 * @param rxMissed device: frames dropped for want of room in a receive queue: a worker fell behind.
 * @param rxErrors device: erroneous frames.
 * @param rxNoMbuf device: receives that found no free mbuf.
 * @param txPackets device: frames sent.
 * @param txErrors device: frames that failed to go.
 * @param rxTooLong shim: dataplane frames longer than the caller's buffer, dropped.
 * @param rxToKernel shim: frames that were the kernel's (to the exception port, or left to the kernel).
 * @param rxOwn shim: frames carrying the port's own source MAC (the host's traffic seen going out).
 * @param txNoMbuf shim: sends refused for want of an mbuf.
 * @param txFull shim: frames the device's transmit queue had no room for.
 * @param fromKernel shim: frames relayed from the exception port to the wire.
 */
public record DpdkStatistics(
    long rxPackets,
    long rxMissed,
    long rxErrors,
    long rxNoMbuf,
    long txPackets,
    long txErrors,
    long rxTooLong,
    long rxToKernel,
    long rxOwn,
    long txNoMbuf,
    long txFull,
    long fromKernel)
{
    /** {@code TORII_DPDK_STAT_COUNT}: the counters C writes, in the order of the components. */
    static final int COUNT = 12;
}
