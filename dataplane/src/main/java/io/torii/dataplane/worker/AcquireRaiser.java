package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import java.nio.ByteOrder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Asks the control plane for an SA when a packet matches a protect policy whose tunnel has none yet, as XFRM's
 * acquire does for strongSwan's trap policies ({@code start_action = trap}): the first packet's addresses, IP
 * protocol and ports go up, and the policy raises no other acquire until the interval has passed, as the kernel
 * sends one acquire per policy and then waits for the negotiation. The packets themselves are dropped by the
 * worker. An acquire the ring refused is tried again with the next packet. Owned by the worker's thread; after
 * the first acquire of each policy, allocation-free.
 */
public final class AcquireRaiser
{
    /** strongSwan's kernel interfaces wait about this long before acquiring again for one policy. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;
    private static final long NEVER_RAISED = Long.MIN_VALUE;
    /** UDP-Lite (RFC 3828), SCTP (RFC 9260) and DCCP (RFC 4340) carry ports where TCP and UDP do. */
    private static final int DCCP = 33;
    private static final int SCTP = 132;
    private static final int UDP_LITE = 136;

    private final Long2LongHashMap lastRaised = new Long2LongHashMap(64, 0.65f, NEVER_RAISED);
    private final IpPacketParser parser = new IpPacketParser();
    private EventsProxy events;
    private long intervalNanos = DEFAULT_INTERVAL_NANOS;
    private long raised;

    /**
     * @param proxy where acquires go; null to raise none.
     * @param interval the least time between two acquires for one policy, in nanoseconds.
     */
    public void events(final EventsProxy proxy, final long interval)
    {
        if (interval < 0)
        {
            throw new IllegalArgumentException("acquire interval " + interval + " ns, expected 0 or more");
        }
        this.events = proxy;
        this.intervalNanos = interval;
    }

    /**
     * Raises an acquire for the packet unless the policy raised one less than the interval ago.
     *
     * @param policyId the protect policy the packet matched.
     * @param batch the packets.
     * @param index the packet.
     * @param now the worker's clock.
     * @return true when an acquire went onto the ring.
     */
    public boolean offer(final int policyId, final PacketBatch batch, final int index, final long now)
    {
        final long last = lastRaised.get(policyId);
        if (events == null || (last != NEVER_RAISED && now - last < intervalNanos))
        {
            return false;
        }
        final UnsafeBuffer buffer = batch.buffer(index);
        final int offset = batch.offset(index);
        if (parser.parse(buffer, offset, batch.length(index)) != Disposition.OK)
        {
            return false;
        }
        final boolean ipv4 = parser.version() == 4;
        final int addressLength = ipv4 ? 4 : 16;
        final int source = offset + (ipv4 ? Ipv4HeaderFlyweight.SOURCE_OFFSET : Ipv6HeaderFlyweight.SOURCE_OFFSET);
        final int destination = offset +
            (ipv4 ? Ipv4HeaderFlyweight.DESTINATION_OFFSET : Ipv6HeaderFlyweight.DESTINATION_OFFSET);
        final int protocol = parser.protocol();
        final boolean ports = hasPorts(protocol) && !parser.isFragment() && parser.headerEnd() + 4 <= parser.packetEnd();
        final int sourcePort = ports ? buffer.getShort(parser.headerEnd(), ByteOrder.BIG_ENDIAN) & 0xFFFF : 0;
        final int destinationPort = ports ? buffer.getShort(parser.headerEnd() + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF : 0;
        if (!events.acquire(policyId, protocol, buffer, source, destination, addressLength, sourcePort,
            destinationPort))
        {
            return false;
        }
        lastRaised.put(policyId, now);
        raised++;
        return true;
    }

    private static boolean hasPorts(final int protocol)
    {
        return protocol == IpProtocols.TCP || protocol == IpProtocols.UDP || protocol == SCTP || protocol == DCCP ||
            protocol == UDP_LITE;
    }

    /**
     * Forgets when a policy last raised an acquire, as when it is deleted.
     *
     * @param policyId the policy.
     */
    public void forget(final int policyId)
    {
        lastRaised.remove(policyId);
    }

    /** Forgets every policy, as when all policies are flushed. */
    public void clear()
    {
        lastRaised.clear();
    }

    /** @return acquires sent so far. */
    public long raised()
    {
        return raised;
    }
}
