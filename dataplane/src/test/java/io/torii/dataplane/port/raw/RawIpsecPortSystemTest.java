package io.torii.dataplane.port.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.NativeShim;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two hosts, each with a raw WAN port for ESP and AH (two sockets seen as one port), exchanging a
 * burst that mixes both protocols:
 * <pre>
 *   [ a ] 192.0.2.1/24, 2001:db8::1/64 ---veth--- 192.0.2.2/24, 2001:db8::2/64 [ b ]
 * </pre>
 * Each packet leaves through the socket of its protocol exactly once, nothing is counted as a drop,
 * and the receiver gets every packet, in order within each protocol.
 */
@SystemTest
class RawIpsecPortSystemTest
{
    private static final int BURST = 12;

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

    private static RawIpsecPort port(final String address, final String namespace)
    {
        return new RawIpsecPort(RawPortConfig.of(Packets.address(address), IpProtocols.ESP).inNamespace(namespace));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aBurstMixingEspAndAhLeavesThroughBothSocketsAndArrivesWhole(final boolean ipv6)
    {
        final String left = ipv6 ? "2001:db8::1" : "192.0.2.1";
        final String right = ipv6 ? "2001:db8::2" : "192.0.2.2";
        try (RawIpsecPort sender = port(left, a); RawIpsecPort receiver = port(right, b))
        {
            final PacketBatch out = new PacketBatch();
            final List<byte[]> esp = new ArrayList<>();
            final List<byte[]> ah = new ArrayList<>();
            for (int i = 0; i < BURST; i++)
            {
                final int protocol = i % 3 == 0 ? IpProtocols.AH : IpProtocols.ESP;
                final byte[] packet = packet(left, right, protocol, i);
                out.add(packet, 0, packet.length);
                (protocol == IpProtocols.AH ? ah : esp).add(packet);
            }

            assertThat(sender.transmit(out)).isEqualTo(BURST);

            final PacketBatch in = receive(receiver, BURST);
            final List<byte[]> espIn = new ArrayList<>();
            final List<byte[]> ahIn = new ArrayList<>();
            for (int i = 0; i < in.size(); i++)
            {
                final byte[] packet = in.copyOut(i);
                (packet[ipv6 ? 6 : 9] == IpProtocols.AH ? ahIn : espIn).add(packet);
            }
            assertThat(ahIn).containsExactlyElementsOf(ah);
            assertThat(espIn).containsExactlyElementsOf(esp);
            assertThat(sender.transmitDrops()).isZero();
            assertThat(sender.espSocket().transmitted()).isEqualTo(esp.size());
            assertThat(sender.ahSocket().transmitted()).isEqualTo(ah.size());
        }
    }

    private static PacketBatch receive(final RawIpsecPort port, final int count)
    {
        final PacketBatch batch = new PacketBatch();
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (batch.size() < count && System.nanoTime() < deadline)
        {
            // Waits in the kernel for the next packet on either socket, a millisecond at a time.
            if (port.receive(batch) == 0 && !port.espSocket().awaitReadable(1))
            {
                port.ahSocket().awaitReadable(1);
            }
        }
        assertThat(batch.size()).as("%s: packets after 10 s", port.name()).isEqualTo(count);
        return batch;
    }

    /** A packet whose payload is ESP- or AH-shaped; IPv6 with a zero flow label, which raw sockets do not carry. */
    private static byte[] packet(final String source, final String destination, final int protocol, final int index)
    {
        final byte[] payload = new byte[32 + index * 37 % 700];
        ByteBuffer.wrap(payload).putInt(0, 0x0102_0304).putInt(4, index + 1).put(8, (byte)index);
        final byte[] src = Packets.address(source).getAddress();
        final byte[] dst = Packets.address(destination).getAddress();
        if (src.length == 16)
        {
            final ByteBuffer packet = ByteBuffer.allocate(40 + payload.length);
            packet.putInt(0x6000_0000).putShort((short)payload.length).put((byte)protocol).put((byte)64).put(src)
                .put(dst).put(payload);
            return packet.array();
        }
        final ByteBuffer packet = ByteBuffer.allocate(20 + payload.length);
        packet.put((byte)0x45).put((byte)0).putShort((short)(20 + payload.length)).putShort((short)(0x100 + index))
            .putShort((short)0x4000).put((byte)64).put((byte)protocol).putShort((short)0).put(src).put(dst)
            .put(payload);
        packet.putShort(10, (short)Packets.ipv4Checksum(packet.array()));
        return packet.array();
    }
}
