package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IKE and ESP in UDP share the NAT-T port (RFC 3948 §2.2): a worker whose WAN port owns that socket
 * sends IKE behind the non-ESP marker up the IKE-in ring and sends what the control plane queues on
 * the IKE-out ring.
 * <pre>
 *   peer 198.51.100.7:4500 ---- [wan] worker 192.0.2.1:4500 ---- IKE rings ---- control plane
 * </pre>
 */
class IkeOnNatTPortTest
{
    private static final int NAT_T = 4500;
    private static final int PEER_PORT = 61_000;
    private static final int RING_CAPACITY = 64 * 1024;

    private final MemoryPort lan = new MemoryPort("lan");
    private final MemoryPort wan = new MemoryPort("wan");
    private final SaTable table = new SaTable(4);
    private final RingBuffer ikeIn = ring(RING_CAPACITY);
    private final RingBuffer ikeOut = ring(RING_CAPACITY);
    private final GatewayWorker worker = worker(ikeIn, ikeOut);

    private static RingBuffer ring(final int capacity)
    {
        return new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    private GatewayWorker worker(final RingBuffer in, final RingBuffer out)
    {
        final PolicyTable policies = new PolicyTable();
        final GatewayWorker gateway = new GatewayWorker(0, lan, wan, table, policies,
            new TunnelTable(policies, table.capacity()), SaEventListener.NONE, 32);
        gateway.engine(new JdkCryptoEngine());
        gateway.ike(new IkeDatagramProxy(in), new IkeDatagramAdapter(out));
        return gateway;
    }

    @AfterEach
    void close()
    {
        table.close();
    }

    @Test
    void ikeBehindTheMarkerGoesUpWithItsAddressesAndWithoutTheMarker()
    {
        final byte[] ike = ikeMessage(60, 1);
        wan.inject(udp4("198.51.100.7", PEER_PORT, "192.0.2.1", NAT_T, withMarker(ike)));

        worker.doWork();

        final List<Received> received = drain(ikeIn);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().local).isEqualTo(new InetSocketAddress(Packets.address("192.0.2.1"), NAT_T));
        assertThat(received.getFirst().remote)
            .isEqualTo(new InetSocketAddress(Packets.address("198.51.100.7"), PEER_PORT));
        assertThat(received.getFirst().ike).isEqualTo(ike);
        assertThat(table.counters().total(Disposition.IKE_TO_CONTROL)).isEqualTo(1);
        assertThat(lan.drain()).isEmpty();
    }

    @Test
    void ipv6IkeGoesUpToo()
    {
        final byte[] ike = ikeMessage(28, 2);
        wan.inject(udp6("2001:db8::7", PEER_PORT, "2001:db8::1", NAT_T, withMarker(ike)));

        worker.doWork();

        final List<Received> received = drain(ikeIn);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().local).isEqualTo(new InetSocketAddress(Packets.address("2001:db8::1"), NAT_T));
        assertThat(received.getFirst().remote).isEqualTo(new InetSocketAddress(Packets.address("2001:db8::7"),
            PEER_PORT));
        assertThat(received.getFirst().ike).isEqualTo(ike);
    }

    @Test
    void keepalivesShortMarkersAndEspStayWithTheEngine()
    {
        wan.inject(udp4("198.51.100.7", PEER_PORT, "192.0.2.1", NAT_T, new byte[] {(byte)0xFF}));
        // A marker followed by less than an IKE header is not IKE.
        wan.inject(udp4("198.51.100.7", PEER_PORT, "192.0.2.1", NAT_T, withMarker(new byte[27])));
        // ESP in UDP for an SPI nobody installed.
        wan.inject(udp4("198.51.100.7", PEER_PORT, "192.0.2.1", NAT_T, ikeMessage(40, 3)));

        worker.doWork();

        assertThat(drain(ikeIn)).isEmpty();
        assertThat(table.counters().total(Disposition.IKE_TO_CONTROL)).isZero();
        assertThat(table.counters().total(Disposition.NOT_IPSEC)).isEqualTo(2);
        assertThat(table.counters().total(Disposition.NO_SA)).isEqualTo(1);
    }

    @Test
    void ikeThatFindsTheRingFullIsCountedAndTheWorkerGoesOn()
    {
        final byte[] ike = ikeMessage(4000, 4);
        final int fits = new IkeDatagramProxy(ikeIn).maxIkeLength(4) >= ike.length ? RING_CAPACITY / 4100 : 0;
        for (int i = 0; i < fits + 4; i++)
        {
            wan.inject(udp4("198.51.100.7", PEER_PORT, "192.0.2.1", NAT_T, withMarker(ike)));
        }

        while (wan.pendingReceive() > 0)
        {
            worker.doWork();
        }

        final long up = table.counters().total(Disposition.IKE_TO_CONTROL);
        final long full = table.counters().total(Disposition.IKE_RING_FULL);
        assertThat(up + full).isEqualTo(fits + 4);
        assertThat(full).isPositive();
        assertThat(drain(ikeIn)).hasSize((int)up);
    }

    @Test
    void queuedIkeLeavesTheWanPortBehindTheMarkerFromTheNatTPort()
    {
        final byte[] ike = ikeMessage(76, 5);
        final IkeDatagramProxy control = new IkeDatagramProxy(ikeOut);
        assertThat(control.send(new InetSocketAddress(Packets.address("192.0.2.1"), NAT_T),
            new InetSocketAddress(Packets.address("198.51.100.7"), PEER_PORT), ike, 0, ike.length)).isTrue();
        final byte[] ike6 = ikeMessage(28, 6);
        assertThat(control.send(new InetSocketAddress(Packets.address("2001:db8::1"), NAT_T),
            new InetSocketAddress(Packets.address("2001:db8::7"), PEER_PORT), ike6, 0, ike6.length)).isTrue();

        assertThat(worker.doWork()).isEqualTo(2);

        final List<byte[]> sent = wan.drain();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(udp4("192.0.2.1", NAT_T, "198.51.100.7", PEER_PORT, withMarker(ike)));
        assertThat(sent.get(1)).isEqualTo(udp6("2001:db8::1", NAT_T, "2001:db8::7", PEER_PORT, withMarker(ike6)));
    }

    @Test
    void aQueuedNatKeepaliveLeavesAsOneByteWithoutTheMarker()
    {
        final IkeDatagramProxy control = new IkeDatagramProxy(ikeOut);
        assertThat(control.send(new InetSocketAddress(Packets.address("192.0.2.1"), NAT_T),
            new InetSocketAddress(Packets.address("198.51.100.7"), PEER_PORT), new byte[] {(byte)0xFF}, 0, 1)).isTrue();

        worker.doWork();

        assertThat(wan.drain()).singleElement().isEqualTo(udp4("192.0.2.1", NAT_T, "198.51.100.7", PEER_PORT,
            new byte[] {(byte)0xFF}));
    }

    private record Received(InetSocketAddress local, InetSocketAddress remote, byte[] ike)
    {
    }

    private static List<Received> drain(final RingBuffer ring)
    {
        final List<Received> received = new ArrayList<>();
        new IkeDatagramAdapter(ring).poll((datagram, ikeLength) ->
        {
            final byte[] local = new byte[datagram.addressLength()];
            final byte[] remote = new byte[datagram.addressLength()];
            final byte[] ike = new byte[ikeLength];
            datagram.buffer().getBytes(datagram.localAddressOffset(), local);
            datagram.buffer().getBytes(datagram.remoteAddressOffset(), remote);
            datagram.buffer().getBytes(datagram.ikeOffset(), ike);
            received.add(new Received(new InetSocketAddress(address(local), datagram.localPort()),
                new InetSocketAddress(address(remote), datagram.remotePort()), ike));
        }, Integer.MAX_VALUE);
        return received;
    }

    private static InetAddress address(final byte[] bytes)
    {
        try
        {
            return InetAddress.getByAddress(bytes);
        }
        catch (final java.net.UnknownHostException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** Bytes that start like an IKE header: SPIs, then anything; the ring does not parse IKE. */
    private static byte[] ikeMessage(final int length, final int seed)
    {
        final byte[] ike = new byte[length];
        for (int i = 0; i < length; i++)
        {
            ike[i] = (byte)(seed * 31 + i * 7 + 1);
        }
        return ike;
    }

    private static byte[] withMarker(final byte[] ike)
    {
        final byte[] payload = new byte[4 + ike.length];
        System.arraycopy(ike, 0, payload, 4, ike.length);
        return payload;
    }

    /** IPv4 header with the layout IkeInject writes: no options, id 0, no flags, TTL 64, checksum valid. */
    private static byte[] udp4(final String source, final int sourcePort, final String destination,
        final int destinationPort, final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(28 + payload.length);
        packet.put((byte)0x45).put((byte)0).putShort((short)packet.capacity()).putInt(0)
            .put((byte)64).put((byte)17).putShort((short)0)
            .put(Packets.address(source).getAddress()).put(Packets.address(destination).getAddress());
        int sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += packet.getShort(i) & 0xFFFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        packet.putShort(10, (short)~sum);
        packet.putShort((short)sourcePort).putShort((short)destinationPort).putShort((short)(8 + payload.length))
            .putShort((short)0).put(payload);
        return packet.array();
    }

    private static byte[] udp6(final String source, final int sourcePort, final String destination,
        final int destinationPort, final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(48 + payload.length);
        packet.putInt(0x6000_0000).putShort((short)(8 + payload.length)).put((byte)17).put((byte)64)
            .put(Packets.address(source).getAddress()).put(Packets.address(destination).getAddress())
            .putShort((short)sourcePort).putShort((short)destinationPort).putShort((short)(8 + payload.length))
            .putShort((short)0).put(payload);
        return Arrays.copyOf(packet.array(), packet.capacity());
    }
}
