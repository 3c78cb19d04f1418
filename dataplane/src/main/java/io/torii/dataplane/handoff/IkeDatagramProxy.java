package io.torii.dataplane.handoff;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * The writer of an IKE datagram ring: workers put IKE messages they received on the NAT-T port on
 * the IKE-in ring, the control plane puts messages to send from that port on the IKE-out ring. Each
 * call returns false, having written nothing, when the ring is full or the message longer than
 * {@link #maxIkeLength} for its addresses; the caller counts the drop (IKE retransmits).
 *
 * <p>Not thread-safe: one instance per writing thread; the rings are many-to-one.
 */
public final class IkeDatagramProxy
{
    private static final int IPV6_LENGTH = 16;

    private final RingBuffer ring;
    private final IkeDatagramFlyweight datagram = new IkeDatagramFlyweight();
    private final UnsafeBuffer addresses = new UnsafeBuffer(new byte[2 * IPV6_LENGTH]);
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[0]);

    /**
     * @param ring an IKE datagram ring.
     */
    public IkeDatagramProxy(final RingBuffer ring)
    {
        this.ring = Objects.requireNonNull(ring, "ring");
    }

    /**
     * @param addressLength 4 or 16.
     * @return the longest IKE message the ring takes with addresses of that length.
     */
    public int maxIkeLength(final int addressLength)
    {
        return ring.maxMsgLength() - IkeDatagramFlyweight.length(addressLength, 0);
    }

    /**
     * Queues a message whose addresses lie in a buffer, as a worker has them in a packet; allocates nothing.
     *
     * @param addressLength 4 or 16.
     * @param addressBuffer the buffer holding both addresses.
     * @param localOffset where the local address lies.
     * @param localPort the local UDP port.
     * @param remoteOffset where the remote address lies.
     * @param remotePort the remote UDP port.
     * @param ike the buffer holding the IKE message.
     * @param ikeOffset where it starts.
     * @param ikeLength its length.
     * @return false when the ring is full or the message too long.
     */
    public boolean send(
        final int addressLength,
        final DirectBuffer addressBuffer,
        final int localOffset,
        final int localPort,
        final int remoteOffset,
        final int remotePort,
        final DirectBuffer ike,
        final int ikeOffset,
        final int ikeLength)
    {
        if (ikeLength > maxIkeLength(addressLength))
        {
            return false;
        }
        final int index = ring.tryClaim(MessageTypes.IKE_DATAGRAM,
            IkeDatagramFlyweight.length(addressLength, ikeLength));
        if (index <= 0)
        {
            return false;
        }
        datagram.wrap(ring.buffer(), index)
            .setAddressing(addressLength, addressBuffer, localOffset, localPort, remoteOffset, remotePort);
        ring.buffer().putBytes(datagram.ikeOffset(), ike, ikeOffset, ikeLength);
        ring.commit(index);
        return true;
    }

    /**
     * Queues a message the control plane holds in an array.
     *
     * @param local the gateway's address and port: the NAT-T socket's.
     * @param remote the peer's address and port.
     * @param ike the array holding the IKE message.
     * @param offset where it starts.
     * @param length its length.
     * @return false when the ring is full or the message too long.
     * @throws IllegalArgumentException when the two addresses are of different families or unresolved.
     */
    public boolean send(final InetSocketAddress local, final InetSocketAddress remote, final byte[] ike,
        final int offset, final int length)
    {
        if (local.isUnresolved() || remote.isUnresolved() ||
            local.getAddress() instanceof Inet4Address != remote.getAddress() instanceof Inet4Address)
        {
            throw new IllegalArgumentException("IKE datagram from " + local + " to " + remote +
                ": expected two resolved addresses of one family");
        }
        final byte[] localBytes = local.getAddress().getAddress();
        final byte[] remoteBytes = remote.getAddress().getAddress();
        addresses.putBytes(0, localBytes);
        addresses.putBytes(localBytes.length, remoteBytes);
        message.wrap(ike, offset, length);
        return send(localBytes.length, addresses, 0, local.getPort(), localBytes.length, remote.getPort(), message, 0,
            length);
    }
}
