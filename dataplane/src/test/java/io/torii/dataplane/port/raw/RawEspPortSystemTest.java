package io.torii.dataplane.port.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.NativeShim;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts, each with a raw ESP or AH port, sending each other packets straight over IP.
 * <pre>
 *   [ a ] tv1a 192.0.2.1/24   ---veth--- 192.0.2.2/24   tv1b [ b ]
 *             2001:db8::1/64             2001:db8::2/64
 * </pre>
 * IPv4 packets must arrive exactly as built: the kernel fills in only the total length and header
 * checksum (always; the tests give correct ones, so nothing changes) and the identification and
 * source address when they are zero (checked separately). IPv6 packets arrive under a header the
 * receiving port rebuilt: traffic class, hop limit, addresses, payload length and next header as
 * sent; the flow label is not carried (the kernel does not report it) and reads 0.
 */
@SystemTest
class RawEspPortSystemTest
{
    private static final int BURST = 16;

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
        Commands.check("ip", "-n", a, "addr", "add", "2001:db8::1/64", "dev", link[0], "nodad");
        Commands.check("ip", "-n", b, "addr", "add", "2001:db8::2/64", "dev", link[1], "nodad");
        assertThat(lab.exec(a, "ping", "-c", "1", "-W", "5", "192.0.2.2").exitCode()).isZero();
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

    private static RawEspPort port(final String address, final int protocol, final String namespace)
    {
        return new RawEspPort(RawPortConfig.of(Packets.address(address), protocol).inNamespace(namespace));
    }

    @ParameterizedTest
    @ValueSource(ints = {IpProtocols.ESP, IpProtocols.AH})
    void ipv4PacketsArriveExactlyAsBuilt(final int protocol)
    {
        try (RawEspPort left = port("192.0.2.1", protocol, a);
            RawEspPort right = port("192.0.2.2", protocol, b))
        {
            final PacketBatch out = new PacketBatch();
            for (int i = 0; i < BURST; i++)
            {
                final byte[] packet = ipv4("192.0.2.1", "192.0.2.2", protocol, 0x1000 + i, payload(i));
                out.add(packet, 0, packet.length);
            }

            assertThat(left.transmit(out)).isEqualTo(BURST);

            final PacketBatch in = receive(right, BURST);
            for (int i = 0; i < BURST; i++)
            {
                assertThat(in.offset(i)).isEqualTo(PacketBatch.HEADROOM);
                assertThat(in.copyOut(i)).as("packet %d", i).isEqualTo(out.copyOut(i));
            }
            assertThat(left.transmitDrops() + right.receiveErrors()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {IpProtocols.ESP, IpProtocols.AH})
    void ipv4KernelFillsInAZeroSourceAndTheChecksum(final int protocol)
    {
        try (RawEspPort left = port("192.0.2.1", protocol, a);
            RawEspPort right = port("192.0.2.2", protocol, b))
        {
            final byte[] packet = ipv4("0.0.0.0", "192.0.2.2", protocol, 0x4321, payload(3));
            packet[10] = 0;
            packet[11] = 0;
            final PacketBatch out = new PacketBatch();
            out.add(packet, 0, packet.length);

            assertThat(left.transmit(out)).isEqualTo(1);

            final byte[] arrived = receive(right, 1).copyOut(0);
            assertThat(Arrays.copyOfRange(arrived, 12, 16)).isEqualTo(Packets.address("192.0.2.1").getAddress());
            assertThat(ByteBuffer.wrap(arrived).getShort(10) & 0xFFFF).isEqualTo(Packets.ipv4Checksum(arrived));
            assertThat(Arrays.copyOfRange(arrived, 0, 10)).isEqualTo(Arrays.copyOfRange(packet, 0, 10));
            assertThat(Arrays.copyOfRange(arrived, 16, arrived.length))
                .isEqualTo(Arrays.copyOfRange(packet, 16, packet.length));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {IpProtocols.ESP, IpProtocols.AH})
    void ipv6PayloadsArriveUnderARebuiltHeader(final int protocol)
    {
        try (RawEspPort left = port("2001:db8::1", protocol, a);
            RawEspPort right = port("2001:db8::2", protocol, b))
        {
            final PacketBatch out = new PacketBatch();
            for (int i = 0; i < BURST; i++)
            {
                final byte[] packet = ipv6("2001:db8::1", "2001:db8::2", protocol, 0xB9, 55, payload(i));
                out.add(packet, 0, packet.length);
            }

            assertThat(left.transmit(out)).isEqualTo(BURST);

            final PacketBatch in = receive(right, BURST);
            for (int i = 0; i < BURST; i++)
            {
                final byte[] expected = ipv6("2001:db8::1", "2001:db8::2", protocol, 0xB9, 55, payload(i));
                ByteBuffer.wrap(expected).putInt(0, 0x6000_0000 | 0xB9 << 20); // flow label not carried
                assertThat(in.offset(i)).isEqualTo(PacketBatch.HEADROOM - 40);
                assertThat(in.copyOut(i)).as("packet %d", i).isEqualTo(expected);
            }
            assertThat(left.transmitDrops() + right.receiveErrors()).isZero();
        }
    }

    @Test
    void ipv4TransmitDropsAndCountsWhatIsNotIpv4OfItsProtocol()
    {
        try (RawEspPort left = port("192.0.2.1", IpProtocols.ESP, a);
            RawEspPort right = port("192.0.2.2", IpProtocols.ESP, b))
        {
            final PacketBatch out = new PacketBatch();
            final byte[] udp = ipv4("192.0.2.1", "192.0.2.2", IpProtocols.UDP, 1, payload(1));
            final byte[] ah = ipv4("192.0.2.1", "192.0.2.2", IpProtocols.AH, 2, payload(2));
            final byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", IpProtocols.ESP, 0, 64, payload(3));
            final byte[] cut = Arrays.copyOf(ipv4("192.0.2.1", "192.0.2.2", IpProtocols.ESP, 4, payload(4)), 30);
            final byte[] notOk = ipv4("192.0.2.1", "192.0.2.2", IpProtocols.ESP, 5, payload(5));
            final byte[] good = ipv4("192.0.2.1", "192.0.2.2", IpProtocols.ESP, 6, payload(6));
            for (final byte[] packet : new byte[][] {udp, ah, v6, cut, notOk, good})
            {
                out.add(packet, 0, packet.length);
            }
            out.disposition(4, Disposition.ICV_FAILURE);

            assertThat(left.transmit(out)).isEqualTo(1);
            assertThat(left.transmitMalformed()).isEqualTo(4);
            assertThat(left.transmitDrops()).isEqualTo(4);
            assertThat(receive(right, 1).copyOut(0)).isEqualTo(good);
        }
    }

    @Test
    void ipv6TransmitDropsAndCountsWhatIsNotIpv6OfItsProtocol()
    {
        try (RawEspPort left = port("2001:db8::1", IpProtocols.AH, a);
            RawEspPort right = port("2001:db8::2", IpProtocols.AH, b))
        {
            final PacketBatch out = new PacketBatch();
            final byte[] v4 = ipv4("192.0.2.1", "192.0.2.2", IpProtocols.AH, 1, payload(1));
            final byte[] esp = ipv6("2001:db8::1", "2001:db8::2", IpProtocols.ESP, 0, 64, payload(2));
            final byte[] nowhere = ipv6("2001:db8::1", "::", IpProtocols.AH, 0, 64, payload(3));
            final byte[] good = ipv6("2001:db8::1", "2001:db8::2", IpProtocols.AH, 0, 64, payload(4));
            for (final byte[] packet : new byte[][] {v4, esp, nowhere, good})
            {
                out.add(packet, 0, packet.length);
            }

            assertThat(left.transmit(out)).isEqualTo(1);
            assertThat(left.transmitMalformed()).isEqualTo(3);
            ByteBuffer.wrap(good).putInt(0, 0x6000_0000); // flow label not carried
            assertThat(receive(right, 1).copyOut(0)).isEqualTo(good);
        }
    }

    private static PacketBatch receive(final RawEspPort port, final int count)
    {
        final PacketBatch batch = new PacketBatch();
        while (batch.size() < count)
        {
            assertThat(port.awaitReadable(10_000)).as("%s: %d of %d packets after 10 s", port.name(), batch.size(),
                count).isTrue();
            port.receive(batch);
        }
        return batch;
    }

    /** An ESP- or AH-shaped payload: SPI and sequence number first, then bytes that differ per packet. */
    private static byte[] payload(final int index)
    {
        final byte[] bytes = new byte[24 + index * 53 % 1300];
        new Random(index).nextBytes(bytes);
        ByteBuffer.wrap(bytes).putInt(0, 0x0102_0304).putInt(4, index + 1);
        return bytes;
    }

    private static byte[] ipv4(
        final String source, final String destination, final int protocol, final int id, final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(20 + payload.length);
        packet.put((byte)0x45).put((byte)0x02).putShort((short)(20 + payload.length)).putShort((short)id)
            .putShort((short)0x4000).put((byte)64).put((byte)protocol).putShort((short)0)
            .put(address(source)).put(address(destination)).put(payload);
        packet.putShort(10, (short)Packets.ipv4Checksum(packet.array()));
        return packet.array();
    }

    private static byte[] ipv6(
        final String source,
        final String destination,
        final int protocol,
        final int trafficClass,
        final int hopLimit,
        final byte[] payload)
    {
        final ByteBuffer packet = ByteBuffer.allocate(40 + payload.length);
        packet.putInt(0x6000_0000 | trafficClass << 20 | 0x12345).putShort((short)payload.length)
            .put((byte)protocol).put((byte)hopLimit).put(address(source)).put(address(destination)).put(payload);
        return packet.array();
    }

    private static byte[] address(final String text)
    {
        final InetAddress address = Packets.address(text);
        return address.getAddress();
    }
}
