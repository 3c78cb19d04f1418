package io.torii.dataplane.port.raw;

import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.nativeshim.PortMessageArray;
import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The IPv6 header a raw IPv6 socket keeps to itself: rebuilt in front of each received payload,
 * and turned into a send descriptor for each outbound packet.
 * <pre>
 *   | 6 | traffic class | flow label 0 | payload length | protocol | hop limit | source | destination |
 * </pre>
 * On receive the source is the sender, the destination the address the packet was sent to (as
 * the kernel reports it, else the bound one), traffic class and hop limit those it arrived with
 * (64 and 0 when the kernel did not say); the flow label is lost (the kernel does not report it),
 * and so are extension headers before ESP or AH, which the kernel has processed: next header is
 * the port's protocol. On transmit the packet must be IPv6 with the port's protocol as next header
 * (no extension headers); the payload goes to the header's destination with its hop limit and
 * traffic class, from its source when the socket is bound to the wildcard.
 */
final class RawIpv6Headers
{
    private static final int DEFAULT_HOP_LIMIT = 64;
    private static final int IPV6_VERSION = 0x6000_0000;
    private static final int TRAFFIC_CLASS_SHIFT = 20;

    private final Ipv6HeaderFlyweight ipv6 = new Ipv6HeaderFlyweight();
    private final int protocol;
    private final boolean wildcard;
    private final int scopeId;
    private final long localHigh;
    private final long localLow;

    /**
     * @param protocol the socket's protocol.
     * @param wildcard whether it is bound to the wildcard address.
     * @param scopeId the scope of its address, used for link-local destinations.
     * @param localHigh the first eight bytes of the address it is bound to.
     * @param localLow the last eight bytes.
     */
    RawIpv6Headers(final int protocol, final boolean wildcard, final int scopeId, final long localHigh,
        final long localLow)
    {
        this.protocol = protocol;
        this.wildcard = wildcard;
        this.scopeId = scopeId;
        this.localHigh = localHigh;
        this.localLow = localLow;
    }

    /**
     * Writes the header of a received payload.
     *
     * @param buffer the slot.
     * @param offset where the header goes; the payload follows it.
     * @param messages the descriptors it was received with.
     * @param index its descriptor.
     * @param payloadLength the payload's length.
     */
    void write(
        final MutableDirectBuffer buffer,
        final int offset,
        final PortMessageArray messages,
        final int index,
        final int payloadLength)
    {
        final int hopLimit = messages.hopLimit(index);
        final boolean local = messages.hasLocal(index);
        ipv6.wrap(buffer, offset)
            .versionClassFlow(IPV6_VERSION | Math.max(messages.trafficClass(index), 0) << TRAFFIC_CLASS_SHIFT)
            .payloadLength(payloadLength)
            .nextHeader(protocol)
            .hopLimit(hopLimit >= 0 ? hopLimit : DEFAULT_HOP_LIMIT);
        final int source = ipv6.sourceIndex();
        final int destination = ipv6.destinationIndex();
        buffer.putLong(source, messages.peerIpv6High(index), ByteOrder.BIG_ENDIAN);
        buffer.putLong(source + 8, messages.peerIpv6Low(index), ByteOrder.BIG_ENDIAN);
        buffer.putLong(destination, local ? messages.localIpv6High(index) : localHigh, ByteOrder.BIG_ENDIAN);
        buffer.putLong(destination + 8, local ? messages.localIpv6Low(index) : localLow, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Describes an outbound packet: its payload, to its destination.
     *
     * @return false when it is not an IPv6 packet with this port's protocol right after the header,
     *         or has no destination.
     */
    boolean describe(final PacketBatch batch, final int index, final PortMessageArray messages, final int slot)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int offset = batch.offset(index);
        final int length = batch.length(index);
        if (length < Ipv6HeaderFlyweight.LENGTH)
        {
            return false;
        }
        ipv6.wrap(buffer, offset);
        if (!ipv6.isValid(length) || ipv6.nextHeader() != protocol)
        {
            return false;
        }
        final int destination = ipv6.destinationIndex();
        final long destinationHigh = buffer.getLong(destination, ByteOrder.BIG_ENDIAN);
        final long destinationLow = buffer.getLong(destination + 8, ByteOrder.BIG_ENDIAN);
        if (destinationHigh == 0 && destinationLow == 0)
        {
            return false;
        }
        messages.buffer(slot, batch.address(index) + offset + Ipv6HeaderFlyweight.LENGTH, ipv6.payloadLength());
        messages.peerIpv6(slot, destinationHigh, destinationLow, scopeId, 0);
        messages.hopLimit(slot, ipv6.hopLimit());
        messages.trafficClass(slot, ipv6.versionClassFlow() >>> TRAFFIC_CLASS_SHIFT & 0xFF);
        final int source = ipv6.sourceIndex();
        final long sourceHigh = buffer.getLong(source, ByteOrder.BIG_ENDIAN);
        final long sourceLow = buffer.getLong(source + 8, ByteOrder.BIG_ENDIAN);
        if (wildcard && (sourceHigh != 0 || sourceLow != 0))
        {
            messages.localIpv6(slot, sourceHigh, sourceLow);
        }
        return true;
    }
}
