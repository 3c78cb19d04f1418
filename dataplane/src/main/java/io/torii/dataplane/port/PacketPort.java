package io.torii.dataplane.port;

import io.torii.dataplane.packet.PacketBatch;

/**
 * A source and sink of IP packets, a burst at a time.
 *
 * <p>Ports never block: {@link #receive} returns what is ready, possibly nothing, and
 * {@link #transmit} sends what the device accepts now, dropping and counting the rest. A port is
 * used by one worker thread.
 */
public interface PacketPort extends AutoCloseable
{
    /** @return a name for logs and counters, such as {@code wan} or {@code tun:torii0}. */
    String name();

    /**
     * Appends received packets to the batch, each a whole IP packet at its slot's offset, with
     * disposition OK.
     *
     * @param batch the batch to fill; packets go after those already in it.
     * @return how many packets were added; 0 when none were ready or the batch is full.
     */
    int receive(PacketBatch batch);

    /**
     * Sends every packet of the batch whose disposition is OK. Packets the device cannot take now
     * are dropped and counted by the port; the batch is left as it was.
     *
     * @param batch the packets.
     * @return how many were sent.
     */
    int transmit(PacketBatch batch);

    /** @return packets dropped on transmit because the device was full, since the port opened. */
    long transmitDrops();

    /**
     * Packets the port itself lost on receive, before any worker saw them: truncated or oversized
     * messages, frames that were not IP. Read by the worker's thread once per duty cycle, so an
     * implementation returns a count it already keeps and does no work for it.
     *
     * @return packets dropped on receive since the port opened; 0 for a port that counts none.
     */
    default long receiveDrops()
    {
        return 0;
    }

    /** Releases the device or socket. */
    @Override
    void close();
}
