package io.torii.dataplane.port.afxdp;

import static io.torii.dataplane.port.afxdp.IpPackets.IKE_PORT;
import static io.torii.dataplane.port.afxdp.IpPackets.NAT_T_PORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.AfXdp;
import io.torii.nativeshim.PortException;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;
import io.torii.nativeshim.XdpAttachMode;
import io.torii.nativeshim.XskStatistics;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An AF_XDP port on one end of a veth pair, traffic injected from the other end as if from the wire.
 * <pre>
 *   [ gw ] tv1a 192.0.2.1/24     ---veth---     192.0.2.2/24 tv1b [ peer ]
 *        AfXdpPort 2001:db8::1/64                2001:db8::2/64  frames via AF_PACKET,
 *        kernel UDP 500, 4500                                    raw ESP sockets, ping
 * </pre>
 * What the XDP program steers to the port arrives byte for byte; what it passes (IKE on 500 and
 * behind the non-ESP marker on 4500, NAT keepalives, ARP, neighbour discovery, ping) still reaches
 * the kernel while the program is attached; and frames the port sends reach the peer's sockets.
 */
@SystemTest
class AfXdpPortSystemTest
{
    private static final String GW_V4 = "192.0.2.1";
    private static final String PEER_V4 = "192.0.2.2";
    private static final String GW_V6 = "2001:db8::1";
    private static final String PEER_V6 = "2001:db8::2";
    private static final int BUFFER = 4096;
    private static final int EBUSY = 16;
    private static final int EOPNOTSUPP = 95;

    private static NetworkLab lab;
    private static String gw;
    private static String peer;
    private static String gwLink;
    private static String peerLink;

    @BeforeAll
    static void buildLink()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(AfXdp.isAvailable(), AfXdp::status);
        lab = new NetworkLab();
        gw = lab.namespace("gw");
        peer = lab.namespace("peer");
        final String[] link = lab.link(gw, GW_V4 + "/24", peer, PEER_V4 + "/24");
        gwLink = link[0];
        peerLink = link[1];
        // nodad: a tentative address cannot be bound, and waiting for DAD would slow every run.
        Commands.check("ip", "-n", gw, "addr", "add", GW_V6 + "/64", "dev", gwLink, "nodad");
        Commands.check("ip", "-n", peer, "addr", "add", PEER_V6 + "/64", "dev", peerLink, "nodad");
    }

    @AfterAll
    static void removeLink()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    private static AfXdpPort openPort()
    {
        return openPort(XdpAttachMode.AUTO);
    }

    private static AfXdpPort openPort(final XdpAttachMode mode)
    {
        return AfXdpPort.open(AfXdpPortConfig.of(gwLink).withModes(mode, false).inNamespace(gw));
    }

    @ParameterizedTest(name = "attach {0}")
    @CsvSource({"AUTO, NATIVE", "GENERIC, GENERIC"})
    void espComesToThePortWhileIkeKeepalivesPingAndNeighbourDiscoveryStillReachTheKernel(
        final XdpAttachMode requested, final XdpAttachMode attached)
    {
        try (AfXdpPort port = openPort(requested);
            PortHandle ike = PortHandle.openUdp(gw, new InetSocketAddress(Packets.address("0.0.0.0"), IKE_PORT), 0, 0,
                false);
            PortHandle natT = PortHandle.openUdp(gw, new InetSocketAddress(Packets.address("0.0.0.0"), NAT_T_PORT), 0,
                0, false))
        {
            assertThat(port.socket().program().mode()).as("veth takes native XDP").isEqualTo(attached);
            final byte[] esp4 = IpPackets.ip(PEER_V4, GW_V4, 50, IpPackets.esp(0x1001, 1, 40));
            final byte[] espInUdp4 = IpPackets.ip(PEER_V4, GW_V4, 17,
                IpPackets.udp(NAT_T_PORT, NAT_T_PORT, IpPackets.esp(0x1002, 1, 60)));
            final byte[] ikeBehindMarker = ByteBuffer.allocate(32).putInt(0).putLong(0x1122334455667788L).array();
            final byte[] keepalive = {(byte)0xFF};
            final byte[] ikeOn500 = ByteBuffer.allocate(28).putLong(0x0102030405060708L).array();
            final byte[] esp6 = IpPackets.ip(PEER_V6, GW_V6, 50, IpPackets.esp(0x1003, 1, 80));
            final byte[] espInUdp6 = IpPackets.ip(PEER_V6, GW_V6, 17,
                IpPackets.udp(NAT_T_PORT, NAT_T_PORT, IpPackets.esp(0x1004, 1, 100)));

            inject(port.sourceMac(), esp4, espInUdp4,
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(NAT_T_PORT, NAT_T_PORT, ikeBehindMarker)),
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(NAT_T_PORT, NAT_T_PORT, keepalive)),
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(IKE_PORT, IKE_PORT, ikeOn500)),
                esp6, espInUdp6);

            final List<byte[]> received = receive(port, 4);
            assertThat(received).containsExactly(esp4, espInUdp4, esp6, espInUdp6);
            assertThat(datagram(natT)).as("IKE behind the marker goes to the kernel").isEqualTo(ikeBehindMarker);
            assertThat(datagram(natT)).as("then the keepalive").isEqualTo(keepalive);
            assertThat(datagram(ike)).as("IKE on 500 goes to the kernel").isEqualTo(ikeOn500);
            assertThat(lab.exec(peer, "ping", "-c", "1", "-W", "5", GW_V4).exitCode()).as("ARP and ping").isZero();
            assertThat(lab.exec(peer, "ping", "-6", "-c", "1", "-W", "5", GW_V6).exitCode()).as("ND and ping")
                .isZero();
            assertThat(port.receiveErrors()).isZero();
            assertThat(port.socket().statistics().rxRingFull()).isZero();
        }
    }

    @Test
    void framesTheKernelDropsWhileTheWorkerFallsBehindAreCountedAsReceiveDrops()
    {
        final int frames = 64;
        final int sent = 200;
        try (AfXdpPort port = AfXdpPort.open(AfXdpPortConfig.of(gwLink).withFrames(frames).inNamespace(gw)))
        {
            assertThat(port.receiveDrops()).isZero();
            final byte[][] burst = new byte[sent][];
            for (int i = 0; i < sent; i++)
            {
                burst[i] = IpPackets.ip(PEER_V4, GW_V4, 50, IpPackets.esp(0x3001, i + 1, 40));
            }
            // Nobody receives meanwhile: at most the frames circulating for receive fit, the rest is lost.
            inject(port.sourceMac(), burst);
            final long lost = awaitLosses(port, sent - frames);

            assertThat(port.receiveDrops()).isEqualTo(lost);
            long kept = 0;
            final PacketBatch batch = new PacketBatch();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (kept + port.socket().receiveLosses() < sent && System.nanoTime() < deadline)
            {
                batch.clear();
                kept += port.receive(batch);
                port.socket().refreshStatistics();
            }
            assertThat(kept + port.socket().receiveLosses()).as("every frame sent either kept or counted")
                .isEqualTo(sent);
        }
    }

    /** Reads the socket's losses until they reach {@code atLeast}, for at most 5 s; returns the last sum. */
    private static long awaitLosses(final AfXdpPort port, final long atLeast)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long lost = 0;
        while (System.nanoTime() < deadline)
        {
            final XskStatistics kernel = port.socket().statistics();
            // An empty fill ring's drops are in rxDropped too: the kernel counts them twice.
            lost = kernel.rxDropped() + kernel.rxRingFull() + kernel.rxTooLong();
            if (lost >= atLeast)
            {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(lost).as("frames the kernel dropped for want of room").isGreaterThanOrEqualTo(atLeast);
        return lost;
    }

    @Test
    void transmitDropsUntilTheKernelHasResolvedTheNextHopThenThePeerReceivesTheFrames()
    {
        Commands.check("ip", "-n", gw, "neigh", "flush", "dev", gwLink);
        try (AfXdpPort port = openPort();
            PortHandle raw4 = PortHandle.openRaw(peer, Packets.address("0.0.0.0"), 50, 0, 0);
            PortHandle raw6 = PortHandle.openRaw(peer, Packets.address("::"), 50, 0, 0))
        {
            final long peerMac = NeighbourResolver.interfaceMac(peer, peerLink);
            final byte[] first4 = IpPackets.ip(GW_V4, PEER_V4, 50, IpPackets.esp(0x2001, 1, 48));
            final byte[] first6 = IpPackets.ip(GW_V6, PEER_V6, 50, IpPackets.esp(0x2002, 1, 48));

            assertThat(port.transmit(batch(first4, first6))).as("nothing resolved yet").isZero();
            assertThat(port.transmitUnresolved()).isEqualTo(2);
            assertThat(port.transmitDrops()).isEqualTo(2);

            final long v4 = NeighbourTable.ipv4Low(ByteBuffer.wrap(Packets.address(PEER_V4).getAddress()).getInt());
            final ByteBuffer v6 = ByteBuffer.wrap(Packets.address(PEER_V6).getAddress());
            awaitResolved(port, 0, v4);
            awaitResolved(port, v6.getLong(0), v6.getLong(8));
            assertThat(port.resolver().table().lookup(0, v4)).isEqualTo(peerMac);
            assertThat(port.resolver().table().lookup(v6.getLong(0), v6.getLong(8))).isEqualTo(peerMac);

            final byte[] esp4 = IpPackets.ip(GW_V4, PEER_V4, 50, IpPackets.esp(0x2003, 2, 1000));
            final byte[] esp6 = IpPackets.ip(GW_V6, PEER_V6, 50, IpPackets.esp(0x2004, 2, 1200));
            assertThat(port.transmit(batch(esp4, esp6))).isEqualTo(2);
            assertThat(datagram(raw4)).as("IPv4 raw sockets deliver the header too").isEqualTo(esp4);
            assertThat(datagram(raw6)).as("IPv6 raw sockets deliver the payload")
                .isEqualTo(Arrays.copyOfRange(esp6, 40, esp6.length));
            assertThat(port.transmitDrops()).isEqualTo(2);
        }
    }

    @Test
    void vethRefusesZeroCopyBindsAndASecondProgramWithTheirErrnos()
    {
        final PortException zeroCopy = catchThrowableOfType(PortException.class, () -> AfXdpPort.open(
            AfXdpPortConfig.of(gwLink).withModes(XdpAttachMode.NATIVE, true).inNamespace(gw)));
        assertThat(zeroCopy.errno()).as(zeroCopy.getMessage()).isEqualTo(EOPNOTSUPP);

        try (AfXdpPort port = openPort())
        {
            final PortException busy = catchThrowableOfType(PortException.class, () -> openPort());
            assertThat(busy.errno()).as(busy.getMessage()).isEqualTo(EBUSY);
            assertThat(port.socket().program().isAttached()).isTrue();
        }
        try (AfXdpPort again = openPort())
        {
            assertThat(again.socket().program().isAttached()).as("the first port detached its program").isTrue();
        }
    }

    private static PacketBatch batch(final byte[]... packets)
    {
        final PacketBatch batch = new PacketBatch(16, 2048);
        for (final byte[] packet : packets)
        {
            batch.add(packet, 0, packet.length);
        }
        return batch;
    }

    private static void awaitResolved(final AfXdpPort port, final long high, final long low)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (port.resolver().table().lookup(high, low) == NeighbourTable.MISSING)
        {
            assertThat(System.nanoTime()).as("next hop resolved within 10 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void inject(final long gwMac, final byte[]... packets)
    {
        final long peerMac = NeighbourResolver.interfaceMac(peer, peerLink);
        final List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", IpPackets.injectScript(),
            peerLink));
        for (final byte[] packet : packets)
        {
            command.add(IpPackets.hex(IpPackets.ethernet(gwMac, peerMac, packet)));
        }
        final Commands.Result result = lab.exec(peer, command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static List<byte[]> receive(final AfXdpPort port, final int count)
    {
        final PacketBatch batch = new PacketBatch();
        while (batch.size() < count)
        {
            assertThat(port.socket().awaitReadable(5000)).as("packet %d of %d within 5 s", batch.size() + 1, count)
                .isTrue();
            port.receive(batch);
        }
        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++)
        {
            assertThat(batch.offset(i)).isEqualTo(PacketBatch.HEADROOM);
            packets.add(batch.copyOut(i));
        }
        return packets;
    }

    private static byte[] datagram(final PortHandle socket)
    {
        try (Arena arena = Arena.ofConfined(); PortMessageArray messages = new PortMessageArray())
        {
            final MemorySegment buffer = arena.allocate(BUFFER);
            messages.buffer(0, buffer, 0, BUFFER);
            assertThat(socket.awaitReadable(5000)).as("a datagram on " + socket.name() + " within 5 s").isTrue();
            assertThat(socket.receive(messages, 1)).isEqualTo(1);
            return buffer.asSlice(0, messages.length(0)).toArray(ValueLayout.JAVA_BYTE);
        }
    }
}
