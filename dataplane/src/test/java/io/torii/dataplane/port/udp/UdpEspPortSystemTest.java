package io.torii.dataplane.port.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.udp.UdpPackets.Endpoint;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.NativeShim;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts, each with a UDP port, sending each other crafted IP/UDP packets.
 * <pre>
 *   [ a ] tv1a 192.0.2.1/24  192.0.2.11/24 ---veth--- 192.0.2.2/24 tv1b [ b ]
 *             2001:db8::1/64                          2001:db8::2/64
 * </pre>
 * Every packet is checked byte by byte on arrival: the IP and UDP headers the receiving port wrote
 * (addresses, ports, lengths, TOS and TTL as sent, IPv4 header checksum) and the payload, in order.
 */
@SystemTest
class UdpEspPortSystemTest
{
    private static final int TRAFFIC_CLASS = 0xB9; // DSCP 46 with ECT(1): both must survive
    private static final int HOP_LIMIT = 61;

    private static NetworkLab lab;
    private static String a;
    private static String b;

    @BeforeAll
    static void buildHosts()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(NativeShim.isAvailable(), NativeShim::status);
        lab = new NetworkLab();
        a = lab.namespace("a");
        b = lab.namespace("b");
        final String[] link = lab.link(a, "192.0.2.1/24", b, "192.0.2.2/24");
        Commands.check("ip", "-n", a, "addr", "add", "192.0.2.11/24", "dev", link[0]);
        // nodad: a tentative address cannot be bound, and waiting for DAD would slow every run.
        Commands.check("ip", "-n", a, "addr", "add", "2001:db8::1/64", "dev", link[0], "nodad");
        Commands.check("ip", "-n", b, "addr", "add", "2001:db8::2/64", "dev", link[1], "nodad");
        // Resolve neighbours first: a burst to an unresolved neighbour queues only a few packets.
        assertThat(lab.exec(a, "ping", "-c", "1", "-W", "5", "192.0.2.2").exitCode()).isZero();
        assertThat(lab.exec(a, "ping", "-c", "1", "-W", "5", "-I", "192.0.2.11", "192.0.2.2").exitCode()).isZero();
        assertThat(lab.exec(a, "ping", "-6", "-c", "1", "-W", "5", "2001:db8::2").exitCode()).isZero();
    }

    @AfterAll
    static void removeHosts()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    private static UdpPortConfig config(final String address, final String namespace)
    {
        return UdpPortConfig.of(Packets.address(address)).inNamespace(namespace);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1 192.0.2.2", "2001:db8::1 2001:db8::2"})
    void aBurstOf64ArrivesIntactAndInOrder(final String addresses)
    {
        final String[] ends = addresses.split(" ");
        try (UdpEspPort left = new UdpEspPort(config(ends[0], a));
            UdpEspPort right = new UdpEspPort(config(ends[1], b)))
        {
            final Endpoint from = new Endpoint(Packets.address(ends[0]), UdpPortConfig.DEFAULT_PORT);
            final Endpoint to = new Endpoint(Packets.address(ends[1]), UdpPortConfig.DEFAULT_PORT);
            final PacketBatch out = burst(from, to, 64);

            assertThat(left.transmit(out)).isEqualTo(64);

            final PacketBatch in = new PacketBatch();
            UdpPackets.receive(right, in, 64);
            for (int i = 0; i < 64; i++)
            {
                UdpPackets.assertReceived(in, i, from, to, TRAFFIC_CLASS, HOP_LIMIT, UdpPackets.payload(i));
            }
            assertThat(left.transmitDrops()).isZero();
            assertThat(right.receiveErrors()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.11 0.0.0.0 192.0.2.2", "2001:db8::1 :: 2001:db8::2"})
    void wildcardSocketsSendFromTheHeadersSourceAndReportTheDestination(final String addresses)
    {
        final String[] ends = addresses.split(" ");
        try (UdpEspPort left = new UdpEspPort(config(ends[1], a));
            UdpEspPort right = new UdpEspPort(config(ends[1], b)))
        {
            final Endpoint from = new Endpoint(Packets.address(ends[0]), UdpPortConfig.DEFAULT_PORT);
            final Endpoint to = new Endpoint(Packets.address(ends[2]), UdpPortConfig.DEFAULT_PORT);
            final PacketBatch out = burst(from, to, 8);

            assertThat(left.transmit(out)).isEqualTo(8);

            final PacketBatch in = new PacketBatch();
            UdpPackets.receive(right, in, 8);
            for (int i = 0; i < 8; i++)
            {
                UdpPackets.assertReceived(in, i, from, to, TRAFFIC_CLASS, HOP_LIMIT, UdpPackets.payload(i));
            }
        }
    }

    @Test
    void aBurstLargerThanTheBatchArrivesOverSeveralReceives()
    {
        final int count = 300;
        try (UdpEspPort left = new UdpEspPort(config("192.0.2.1", a));
            UdpEspPort right = new UdpEspPort(config("192.0.2.2", b)))
        {
            assertThat(right.receiveBufferSize()).as("SO_RCVBUF set past rmem_max")
                .isGreaterThanOrEqualTo(UdpPortConfig.DEFAULT_BUFFER_BYTES);
            final Endpoint from = new Endpoint(Packets.address("192.0.2.1"), UdpPortConfig.DEFAULT_PORT);
            final Endpoint to = new Endpoint(Packets.address("192.0.2.2"), UdpPortConfig.DEFAULT_PORT);

            assertThat(left.transmit(burst(from, to, count))).as("five sendmmsg calls").isEqualTo(count);

            final PacketBatch in = new PacketBatch(count, 2048);
            final PacketBatch small = new PacketBatch(48, 2048);
            int calls = 0;
            while (in.size() < count)
            {
                small.clear();
                calls += UdpPackets.receive(right, small, Math.min(small.capacity(), count - in.size()));
                for (int i = 0; i < small.size(); i++)
                {
                    final byte[] packet = small.copyOut(i);
                    final int index = in.claim(packet.length);
                    in.buffer(index).putBytes(small.offset(i), packet);
                    in.bounds(index, small.offset(i), packet.length);
                }
            }
            assertThat(calls).as("receive calls for %d packets into a batch of 48", count)
                .isGreaterThanOrEqualTo((count + 47) / 48);
            for (int i = 0; i < count; i++)
            {
                UdpPackets.assertReceived(in, i, from, to, TRAFFIC_CLASS, HOP_LIMIT, UdpPackets.payload(i));
            }
        }
    }

    static Stream<Arguments> unsendable()
    {
        return Stream.of(
            Arguments.of("TCP, not UDP", (UnaryOperator<byte[]>)p -> patch(p, 9, 6)),
            Arguments.of("ICMP, not UDP", (UnaryOperator<byte[]>)p -> patch(p, 9, 1)),
            Arguments.of("source port not the socket's", (UnaryOperator<byte[]>)p -> patch(p, 21, 0x95)),
            Arguments.of("destination port 0", (UnaryOperator<byte[]>)p -> patch(patch(p, 22, 0), 23, 0)),
            Arguments.of("UDP length past the IP packet", (UnaryOperator<byte[]>)p -> patch(p, 24, 0x7F)),
            Arguments.of("a fragment", (UnaryOperator<byte[]>)p -> patch(p, 6, 0x20)),
            Arguments.of("IPv6 on an IPv4 socket", (UnaryOperator<byte[]>)p -> patch(p, 0, 0x65)),
            Arguments.of("shorter than its total length", (UnaryOperator<byte[]>)p -> patch(p, 2, 0x7F)),
            Arguments.of("only a header's worth", (UnaryOperator<byte[]>)p -> Arrays.copyOf(p, 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsendable")
    void transmitDropsAndCountsWhatIsNotAnIpUdpPacketOfThisSocket(
        final String what, final UnaryOperator<byte[]> damage)
    {
        try (UdpEspPort left = new UdpEspPort(config("192.0.2.1", a));
            UdpEspPort right = new UdpEspPort(config("192.0.2.2", b)))
        {
            final Endpoint from = new Endpoint(Packets.address("192.0.2.1"), UdpPortConfig.DEFAULT_PORT);
            final Endpoint to = new Endpoint(Packets.address("192.0.2.2"), UdpPortConfig.DEFAULT_PORT);
            final PacketBatch out = new PacketBatch();
            final byte[] bad = damage.apply(UdpPackets.build(from, to, 0, 64, UdpPackets.payload(20)));
            final byte[] skipped = UdpPackets.build(from, to, 0, 64, UdpPackets.payload(21));
            final byte[] good = UdpPackets.build(from, to, 0, 64, UdpPackets.payload(22));
            out.add(bad, 0, bad.length);
            out.disposition(out.add(skipped, 0, skipped.length), Disposition.NO_SA);
            out.add(good, 0, good.length);

            assertThat(left.transmit(out)).as("only the good packet goes").isEqualTo(1);
            assertThat(left.transmitDrops()).isEqualTo(1);
            assertThat(left.transmitMalformed()).isEqualTo(1);

            final PacketBatch in = new PacketBatch();
            UdpPackets.receive(right, in, 1);
            UdpPackets.assertReceived(in, 0, from, to, 0, 64, UdpPackets.payload(22));
        }
    }

    private static byte[] patch(final byte[] packet, final int index, final int value)
    {
        packet[index] = (byte)value;
        if ((packet[0] & 0xF0) == 0x40 && index < 20)
        {
            ByteBuffer.wrap(packet).putShort(10, (short)Packets.ipv4Checksum(packet));
        }
        return packet;
    }

    private static PacketBatch burst(final Endpoint from, final Endpoint to, final int count)
    {
        final PacketBatch out = new PacketBatch(count, 2048);
        for (int i = 0; i < count; i++)
        {
            final byte[] packet = UdpPackets.build(from, to, TRAFFIC_CLASS, HOP_LIMIT, UdpPackets.payload(i));
            out.add(packet, 0, packet.length);
        }
        return out;
    }
}
