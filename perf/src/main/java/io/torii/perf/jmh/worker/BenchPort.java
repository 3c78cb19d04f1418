package io.torii.perf.jmh.worker;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
import io.torii.perf.jmh.esp.PacketPool;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An in-memory port for the worker benchmarks, standing in for a NIC: {@link #receive} fills the
 * worker's batch to capacity from a preallocated {@link PacketPool}, one copy per packet as a driver's
 * receive path makes, and {@link #transmit} counts the packets that left OK and drops them. A port
 * without a pool receives nothing.
 *
 * <p>A cleartext port may also stamp tunnel addresses: each packet it receives gets the source and
 * destination of the next of its tunnels, in turn, and a fresh header checksum. So a small pool, hot in
 * the cache, still spreads the traffic over every tunnel, and the benchmark measures the worker's
 * lookups and SA state rather than a cold pool. Nothing is allocated per packet.
 */
public final class BenchPort implements PacketPort
{
    private static final int CHECKSUM_OFFSET = 10;
    private static final int SOURCE_OFFSET = 12;
    private static final int DESTINATION_OFFSET = 16;
    private static final int IPV4_HEADER = 20;

    private final String name;
    private final PacketPool pool;
    private final int[] stampTunnels;
    private int nextPacket;
    private int nextTunnel;
    private long sent;

    /**
     * @param name the port's name.
     * @param pool the packets to receive, cycled; null for a port that only transmits.
     * @param stampTunnels the tunnels whose addresses received packets get in turn, as
     *        {@link BenchTunnels} numbers them; null to leave the pool's packets as they are.
     */
    public BenchPort(final String name, final PacketPool pool, final int[] stampTunnels)
    {
        if (stampTunnels != null && (pool == null || stampTunnels.length == 0))
        {
            throw new IllegalArgumentException(name + ": stamping tunnel addresses needs a pool and a tunnel");
        }
        this.name = name;
        this.pool = pool;
        this.stampTunnels = stampTunnels;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fills the batch to capacity; a pool packet larger than the batch's slots stops the fill.
     */
    @Override
    public int receive(final PacketBatch batch)
    {
        if (pool == null)
        {
            return 0;
        }
        int added = 0;
        while (batch.size() < batch.capacity())
        {
            final byte[] packet = pool.packet(nextPacket);
            final int index = batch.add(packet, 0, packet.length);
            if (index < 0)
            {
                break;
            }
            nextPacket = nextPacket + 1 == pool.size() ? 0 : nextPacket + 1;
            if (stampTunnels != null)
            {
                final int tunnel = stampTunnels[nextTunnel];
                stamp(batch.buffer(index), batch.offset(index), packet, BenchTunnels.localHost(tunnel),
                    BenchTunnels.remoteHost(tunnel));
                nextTunnel = nextTunnel + 1 == stampTunnels.length ? 0 : nextTunnel + 1;
            }
            added++;
        }
        return added;
    }

    /** {@inheritDoc} */
    @Override
    public int transmit(final PacketBatch batch)
    {
        int ok = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (batch.disposition(i) == Disposition.OK)
            {
                ok++;
            }
        }
        sent += ok;
        return ok;
    }

    /** @return packets transmitted OK since the port was made; read on the worker's thread. */
    public long sent()
    {
        return sent;
    }

    /** @return 0: the port never runs out of room. */
    @Override
    public long transmitDrops()
    {
        return 0;
    }

    /** Nothing to release. */
    @Override
    public void close()
    {
    }

    /**
     * Writes addresses into an IPv4 header without options and recomputes its checksum (RFC 1071).
     *
     * @param buffer the packet's buffer.
     * @param offset where its IP header starts.
     * @param source the source address.
     * @param destination the destination address.
     */
    static void stamp(final UnsafeBuffer buffer, final int offset, final int source, final int destination)
    {
        final byte[] header = new byte[IPV4_HEADER];
        buffer.getBytes(offset, header);
        stamp(buffer, offset, header, source, destination);
    }

    /**
     * As {@link #stamp(UnsafeBuffer, int, int, int)} for a packet just copied from {@code original}: the
     * checksum is summed from the original's bytes and the new addresses, not read back from the buffer,
     * as a NIC's receive path would not make the worker pay for it.
     */
    private static void stamp(final UnsafeBuffer buffer, final int offset, final byte[] original, final int source,
        final int destination)
    {
        int sum = (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF);
        for (int i = 0; i < SOURCE_OFFSET; i += 2)
        {
            sum += i == CHECKSUM_OFFSET ? 0 : (original[i] & 0xFF) << 8 | original[i + 1] & 0xFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum += sum >>> 16;
        buffer.putInt(offset + SOURCE_OFFSET, source, ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + DESTINATION_OFFSET, destination, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)~sum, ByteOrder.BIG_ENDIAN);
    }
}
