package io.torii.dataplane.port.memory;

/**
 * What a {@link FaultyPort} did to the packets of one direction. Written by the port's thread; read
 * it there or after the thread has stopped.
 */
public final class FaultStats
{
    private long packets;
    private long dropped;
    private long duplicated;
    private long reordered;
    private long corrupted;
    private long tooBig;

    /** @return packets offered to the fault stage. */
    public long packets()
    {
        return packets;
    }

    /** @return packets dropped on purpose. */
    public long dropped()
    {
        return dropped;
    }

    /** @return packets delivered twice. */
    public long duplicated()
    {
        return duplicated;
    }

    /** @return packets held back to follow a later one. */
    public long reordered()
    {
        return reordered;
    }

    /** @return packets with a bit flipped. */
    public long corrupted()
    {
        return corrupted;
    }

    /** @return packets lost because they were longer than the port's buffers: a setup error, not a fault. */
    public long tooBig()
    {
        return tooBig;
    }

    void onPacket()
    {
        packets++;
    }

    void onDrop()
    {
        dropped++;
    }

    void onDuplicate()
    {
        duplicated++;
    }

    void onReorder()
    {
        reordered++;
    }

    void onCorrupt()
    {
        corrupted++;
    }

    void onTooBig()
    {
        tooBig++;
    }

    /** @return the counts, for test failure messages. */
    @Override
    public String toString()
    {
        return "FaultStats{packets=" + packets + ", dropped=" + dropped + ", duplicated=" + duplicated +
            ", reordered=" + reordered + ", corrupted=" + corrupted + ", tooBig=" + tooBig + "}";
    }
}
