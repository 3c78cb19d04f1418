package io.torii.ike.shard;

import io.torii.ike.net.IkeDatagram;

/**
 * One slot of the Disruptor ring, allocated once when the ring is made and reused for every message:
 * the datagram and the shard whose handler processes it. Every handler sees every slot and skips those
 * of other shards; a slot of shard {@link IkeDispatcher#WAKE_ONLY} carries no datagram and only wakes them.
 */
final class IkeDatagramEvent
{
    private IkeDatagram datagram;
    private int shard;

    /**
     * @param datagram the received message, or null for a wake-up.
     * @param shard the shard that owns it, or {@link IkeDispatcher#WAKE_ONLY}.
     */
    void set(final IkeDatagram datagram, final int shard)
    {
        this.datagram = datagram;
        this.shard = shard;
    }

    /** @return the received message. */
    IkeDatagram datagram()
    {
        return datagram;
    }

    /** @return the shard that owns it. */
    int shard()
    {
        return shard;
    }
}
