package io.torii.dataplane.port.dpdk;

import static io.torii.dataplane.port.afxdp.IpPackets.IKE_PORT;
import static io.torii.dataplane.port.afxdp.IpPackets.NAT_T_PORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.afxdp.IpPackets;
import io.torii.dataplane.port.afxdp.NeighbourResolver;
import io.torii.dataplane.port.afxdp.NeighbourTable;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.Dpdk;
import io.torii.nativeshim.DpdkEthPort;
import io.torii.nativeshim.DpdkStatistics;
import io.torii.nativeshim.PortHandle;
import io.torii.nativeshim.PortMessageArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A DPDK port over a {@code net_af_packet} virtual device on one end of a veth pair, traffic
 * injected from the other end as if from the wire.
 * <pre>
 *   [ gw ] tv1a 192.0.2.1/24      ---veth---      192.0.2.2/24 tv1b [ peer ]
 *        net_af_packet on tv1a                              frames via AF_PACKET,
 *        kernel UDP 500, 4500 beside it                     raw ESP socket, ping
 * </pre>
 * The EAL starts once for the JVM with the defaults ({@code --no-huge --in-memory --no-pci}); the
 * virtual device is made in the gateway's namespace. ESP and ESP-in-UDP arrive through the port
 * byte for byte, IKE and keepalives are left to the kernel (which still has every frame, ESP
 * included, beside AF_PACKET), and frames the port sends reach the peer's sockets.
 */
@SystemTest
class DpdkPortSystemTest
{
    private static final String GW_V4 = "192.0.2.1";
    private static final String PEER_V4 = "192.0.2.2";
    private static final int BUFFER = 4096;
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private static NetworkLab lab;
    private static String gw;
    private static String peer;
    private static String gwLink;
    private static String peerLink;
    private static int devices;

    @BeforeAll
    static void startEalAndBuildLink()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(Dpdk.isAvailable(), Dpdk::status);
        // Not an assumption: the EAL starting here is what this test checks first; it fails with DPDK's reason.
        Dpdk.startEal(DpdkEal.defaultArguments(false));
        lab = new NetworkLab();
        gw = lab.namespace("gw");
        peer = lab.namespace("peer");
        final String[] link = lab.link(gw, GW_V4 + "/24", peer, PEER_V4 + "/24");
        gwLink = link[0];
        peerLink = link[1];
    }

    @AfterAll
    static void removeLink()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    private static DpdkEthPort openDevice()
    {
        // A new vdev name each time: a removed name can be probed again, but distinct ones read better in logs.
        return DpdkEthPort.open(gw, "net_af_packet" + devices++ + ",iface=" + gwLink, null, 1, 256);
    }

    @Test
    void espAndEspInUdpArriveByteForByteWhileIkeKeepalivesAndPingStayWithTheKernel()
    {
        try (DpdkEthPort device = openDevice();
            DpdkPort port = new DpdkPort(device, 0, gwLink, REFRESH);
            PortHandle ike = PortHandle.openUdp(gw, new InetSocketAddress(Packets.address("0.0.0.0"), IKE_PORT), 0, 0,
                false);
            PortHandle natT = PortHandle.openUdp(gw, new InetSocketAddress(Packets.address("0.0.0.0"), NAT_T_PORT), 0,
                0, false))
        {
            assertThat(device.mac()).as("net_af_packet takes the interface's MAC")
                .isEqualTo(NeighbourResolver.interfaceMac(gw, gwLink));
            final byte[] esp = IpPackets.ip(PEER_V4, GW_V4, 50, IpPackets.esp(0x1001, 1, 40));
            final byte[] espInUdp = IpPackets.ip(PEER_V4, GW_V4, 17,
                IpPackets.udp(NAT_T_PORT, NAT_T_PORT, IpPackets.esp(0x1002, 1, 60)));
            final byte[] ikeBehindMarker = ByteBuffer.allocate(32).putInt(0).putLong(0x1122334455667788L).array();
            final byte[] keepalive = {(byte)0xFF};
            final byte[] ikeOn500 = ByteBuffer.allocate(28).putLong(0x0102030405060708L).array();
            final byte[] bigEsp = IpPackets.ip(PEER_V4, GW_V4, 50, IpPackets.esp(0x1003, 2, 1400));

            inject(device.mac(), esp,
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(NAT_T_PORT, NAT_T_PORT, ikeBehindMarker)),
                espInUdp,
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(NAT_T_PORT, NAT_T_PORT, keepalive)),
                IpPackets.ip(PEER_V4, GW_V4, 17, IpPackets.udp(IKE_PORT, IKE_PORT, ikeOn500)),
                bigEsp);

            assertThat(receive(port, 3)).containsExactly(esp, espInUdp, bigEsp);
            assertThat(datagram(natT)).as("IKE behind the marker stays with the kernel").isEqualTo(ikeBehindMarker);
            // net_af_packet is a tap: the kernel keeps its copy of every frame, so a socket on 4500 sees the
            // ESP-in-UDP too (IKE ignores datagrams without the marker, RFC 3948 section 2.2).
            assertThat(datagram(natT)).as("the kernel's copy of the ESP-in-UDP")
                .isEqualTo(Arrays.copyOfRange(espInUdp, 28, espInUdp.length));
            assertThat(datagram(natT)).as("then the keepalive").isEqualTo(keepalive);
            assertThat(datagram(ike)).as("IKE on 500 stays with the kernel").isEqualTo(ikeOn500);
            assertThat(lab.exec(peer, "ping", "-c", "1", "-W", "5", GW_V4).exitCode()).as("ARP and ping").isZero();
            final DpdkStatistics statistics = device.statistics();
            assertThat(statistics.rxToKernel()).as("IKE twice and the keepalive at least").isGreaterThanOrEqualTo(3);
            assertThat(statistics.rxTooLong()).isZero();
            assertThat(port.receiveErrors()).isZero();
            assertThat(port.received()).isEqualTo(3);
        }
    }

    @Test
    void transmitDropsUntilTheNextHopIsResolvedThenThePeerReceivesTheFrames()
    {
        Commands.check("ip", "-n", gw, "neigh", "flush", "dev", gwLink);
        try (DpdkEthPort device = openDevice();
            DpdkPort port = new DpdkPort(device, 0, gwLink, REFRESH);
            PortHandle raw = PortHandle.openRaw(peer, Packets.address("0.0.0.0"), 50, 0, 0))
        {
            final byte[] first = IpPackets.ip(GW_V4, PEER_V4, 50, IpPackets.esp(0x2001, 1, 48));
            assertThat(port.transmit(batch(first))).as("nothing resolved yet").isZero();
            assertThat(port.transmitUnresolved()).isEqualTo(1);

            final long v4 = NeighbourTable.ipv4Low(ByteBuffer.wrap(Packets.address(PEER_V4).getAddress()).getInt());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (port.resolver().table().lookup(0, v4) == NeighbourTable.MISSING)
            {
                assertThat(System.nanoTime()).as("next hop resolved within 10 s").isLessThan(deadline);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(port.resolver().table().lookup(0, v4)).isEqualTo(NeighbourResolver.interfaceMac(peer, peerLink));

            final byte[] small = IpPackets.ip(GW_V4, PEER_V4, 50, IpPackets.esp(0x2002, 2, 100));
            final byte[] large = IpPackets.ip(GW_V4, PEER_V4, 50, IpPackets.esp(0x2003, 3, 1400));
            assertThat(port.transmit(batch(small, large))).isEqualTo(2);
            assertThat(datagram(raw)).isEqualTo(small);
            assertThat(datagram(raw)).isEqualTo(large);
            assertThat(port.transmitDrops()).as("only the unresolved one").isEqualTo(1);
            assertThat(device.statistics().txPackets()).isGreaterThanOrEqualTo(2);
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

    /** Polls the port (DPDK has no file descriptor to wait on) until count packets came, for at most 5 s. */
    private static List<byte[]> receive(final DpdkPort port, final int count)
    {
        final PacketBatch batch = new PacketBatch();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batch.size() < count)
        {
            assertThat(System.nanoTime()).as("packet %d of %d within 5 s", batch.size() + 1, count)
                .isLessThan(deadline);
            if (port.receive(batch) == 0)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
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
