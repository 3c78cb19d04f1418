package io.torii.dataplane.port.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.udp.UdpEspPort;
import io.torii.dataplane.port.udp.UdpPortConfig;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.testing.SystemTest;
import io.torii.nativeshim.NativeShim;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A TUN device in a namespace of its own, with this JVM on the other side of it.
 * <pre>
 *   [ t ]  ping 10.77.0.2 ---> tt0 10.77.0.1/24 ===TUN===> TunPort: answers the echo request
 * </pre>
 * The address and route are set with {@code ip}; MTU and link state by the port itself.
 */
@SystemTest
class TunPortSystemTest
{
    private static final int ICMP = 1;
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;

    @BeforeAll
    static void needsRoot()
    {
        assumeTrue(Commands.isRoot(), "system tests need root (CI runs as root)");
        assumeTrue(NativeShim.isAvailable(), NativeShim::status);
    }

    @ParameterizedTest(name = "{0} queue(s)")
    @ValueSource(ints = {1, 2})
    void aPingRoutedIntoTheTunIsAnsweredThroughTransmit(final int queueCount) throws Exception
    {
        try (NetworkLab lab = new NetworkLab())
        {
            final String namespace = lab.namespace("t");
            final TunConfig config = TunConfig.of("tt0").withMtu(1400).inNamespace(namespace);
            final TunPort[] queues = queueCount == 1 ?
                new TunPort[] {new TunPort(config)} : TunPort.openQueues(config.withMultiQueue(true), queueCount);
            Process ping = null;
            try
            {
                assertThat(queues[0].interfaceName()).isEqualTo("tt0");
                final String link = Commands.check("ip", "-n", namespace, "-d", "link", "show", "tt0");
                assertThat(link).contains("mtu 1400").containsPattern("<[^>]*\\bUP\\b[^>]*>");
                if (queueCount > 1)
                {
                    assertThat(link).contains("multi_queue");
                }
                Commands.check("ip", "-n", namespace, "addr", "add", "10.77.0.1/24", "dev", "tt0");

                ping = new ProcessBuilder("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "10", "10.77.0.2")
                    .redirectErrorStream(true).start();
                final PacketBatch batch = new PacketBatch();
                final TunPort queue = awaitEchoRequest(queues, batch);
                for (int i = 0; i < batch.size(); i++)
                {
                    if (!isEchoRequest(batch, i))
                    {
                        batch.disposition(i, Disposition.NOT_IPSEC);
                    }
                }
                turnIntoReplies(batch);

                assertThat(queue.transmit(batch)).isEqualTo(1);

                assertThat(ping.waitFor(15, TimeUnit.SECONDS)).as("ping finished").isTrue();
                final String output = new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(ping.exitValue()).as(output).isZero();
                assertThat(output).contains("1 received");
                assertThat(queue.transmitDrops()).isZero();
            }
            finally
            {
                if (ping != null)
                {
                    ping.destroyForcibly();
                }
                for (final TunPort queue : queues)
                {
                    queue.close();
                }
            }
            assertThat(lab.exec(namespace, "ip", "link", "show", "tt0").exitCode())
                .as("the device went away with its last queue").isNotZero();
        }
    }

    @Test
    void aWrittenUdpPacketReachesASocketAndWhatIsNotIpIsDroppedAndCounted()
    {
        try (NetworkLab lab = new NetworkLab())
        {
            final String namespace = lab.namespace("t");
            try (TunPort tun = new TunPort(TunConfig.of("torii%d").inNamespace(namespace)))
            {
                assertThat(tun.interfaceName()).startsWith("torii").isNotEqualTo("torii%d");
                Commands.check("ip", "-n", namespace, "addr", "add", "10.77.0.1/24", "dev", tun.interfaceName());
                try (UdpEspPort socket = new UdpEspPort(
                    UdpPortConfig.of(Packets.address("10.77.0.1")).withPort(5555).inNamespace(namespace)))
                {
                    final byte[] udp = Packets.udp("10.77.0.2", "10.77.0.1", 100, 7);
                    ByteBuffer.wrap(udp).putShort(22, (short)5555);
                    final byte[] notIp = new byte[] {0x00, 0x11, 0x22, 0x33};
                    final PacketBatch out = new PacketBatch();
                    out.add(notIp, 0, notIp.length);
                    out.add(udp, 0, udp.length);
                    out.add(udp, 0, 0);

                    assertThat(tun.transmit(out)).isEqualTo(1);
                    assertThat(tun.transmitDrops()).as("not IP, and empty").isEqualTo(2);

                    final PacketBatch in = new PacketBatch();
                    assertThat(socket.awaitReadable(10_000)).isTrue();
                    assertThat(socket.receive(in)).isEqualTo(1);
                    assertThat(in.copyOut(0)).as("the IPv4 header is rebuilt with TTL and ID as the socket saw them")
                        .endsWith(Arrays.copyOfRange(udp, 20, udp.length));
                }
            }
        }
    }

    @Test
    void aPacketLongerThanTheBatchsSlotsIsCountedNotDelivered() throws Exception
    {
        try (NetworkLab lab = new NetworkLab())
        {
            final String namespace = lab.namespace("t");
            try (TunPort tun = new TunPort(TunConfig.of("tt0").inNamespace(namespace)))
            {
                Commands.check("ip", "-n", namespace, "addr", "add", "10.77.0.1/24", "dev", "tt0");
                final Commands.Result ping =
                    lab.exec(namespace, "ping", "-c", "1", "-W", "1", "-s", "500", "10.77.0.2");
                assertThat(ping.exitCode()).as("nobody answers").isNotZero();
                final PacketBatch small = new PacketBatch(8, 64);
                while (tun.awaitReadable(0))
                {
                    tun.receive(small);
                    for (int i = 0; i < small.size(); i++)
                    {
                        assertThat(isEchoRequest(small, i)).as("the cut echo request is not delivered").isFalse();
                    }
                    small.clear();
                }
                assertThat(tun.receiveErrors()).as("the 528-byte echo request did not fit 64 bytes").isPositive();
            }
        }
    }

    private static TunPort awaitEchoRequest(final TunPort[] queues, final PacketBatch batch)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            for (final TunPort queue : queues)
            {
                if (queue.awaitReadable(queues.length == 1 ? 1000 : 50))
                {
                    batch.clear();
                    queue.receive(batch);
                    for (int i = 0; i < batch.size(); i++)
                    {
                        if (isEchoRequest(batch, i))
                        {
                            return queue;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no ICMP echo request came out of the TUN within 10 s");
    }

    private static boolean isEchoRequest(final PacketBatch batch, final int index)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int offset = batch.offset(index);
        return batch.length(index) >= 28 && (buffer.getByte(offset) & 0xFF) == 0x45 &&
            buffer.getByte(offset + 9) == ICMP && buffer.getByte(offset + 20) == ECHO_REQUEST &&
            buffer.getInt(offset + 12, ByteOrder.BIG_ENDIAN) == 0x0A4D_0001 &&
            buffer.getInt(offset + 16, ByteOrder.BIG_ENDIAN) == 0x0A4D_0002;
    }

    /** Swaps the addresses, makes each OK echo request a reply, fixes both checksums. */
    private static void turnIntoReplies(final PacketBatch batch)
    {
        for (int i = 0; i < batch.size(); i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            final byte[] packet = batch.copyOut(i);
            final ByteBuffer bytes = ByteBuffer.wrap(packet);
            final int source = bytes.getInt(12);
            bytes.putInt(12, bytes.getInt(16)).putInt(16, source).putShort(10, (short)0);
            bytes.putShort(10, (short)Packets.ipv4Checksum(packet));
            packet[20] = ECHO_REPLY;
            bytes.putShort(22, (short)0);
            bytes.putShort(22, (short)icmpChecksum(packet, 20));
            batch.buffer(i).putBytes(batch.offset(i), packet);
        }
    }

    private static int icmpChecksum(final byte[] packet, final int from)
    {
        long sum = 0;
        for (int i = from; i < packet.length; i += 2)
        {
            final int high = packet[i] & 0xFF;
            final int low = i + 1 < packet.length ? packet[i + 1] & 0xFF : 0;
            sum += high << 8 | low;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int)(~sum & 0xFFFF);
    }
}
