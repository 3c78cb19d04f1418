package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.port.memory.MemoryPortPair;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateways joined by in-memory ports, each driven one duty cycle at a time:
 * <pre>
 *   hostA [lanA] gateway A [wan] ==== [wan] gateway B [lanB] hostB
 *   10.1.0.0/24       192.0.2.1       192.0.2.2       10.2.0.0/24
 * </pre>
 */
class GatewayWorkerTest
{
    private static final String SAS = """
        sas {
          a-to-b {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          b-to-a {
            spi = 0x2000
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes256-sha256
            enc_key = 0x000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f
            integ_key = 0x101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f
          }
        }
        """;

    private final MemoryPort lanA = new MemoryPort("lanA");
    private final MemoryPort lanB = new MemoryPort("lanB");
    private final MemoryPortPair wan = new MemoryPortPair(64);
    private final SaTable tableA = new SaTable(8);
    private final SaTable tableB = new SaTable(8);
    private GatewayWorker gatewayA;
    private GatewayWorker gatewayB;

    private static DaemonConfig config(final String address, final String localTs, final String remoteTs,
        final String out, final String in)
    {
        return DaemonConfigReader.read("""
            dataplane {
              wan {
                port = udp
                address = %s
              }
              lan {
                port = tun
                interface = torii0
              }
            }
            %s
            tunnels {
              t {
                local_ts = %s
                remote_ts = %s
                out = %s
                in = %s
              }
            }
            """.formatted(address, SAS, localTs, remoteTs, out, in), "test.conf");
    }

    private static GatewayWorker gateway(final DaemonConfig config, final PacketPort lan, final PacketPort wanPort,
        final SaTable table)
    {
        final PolicyTable policies = new PolicyTable();
        final TunnelTable tunnels = new TunnelTable(policies, table.capacity());
        StaticTunnels.install(config, table, tunnels, new JdkCryptoEngine());
        return new GatewayWorker(0, lan, wanPort, table, policies, tunnels, SaEventListener.NONE, 32, null,
            new ShardMap(1), new PacketHandoff[] {null}, Packets.address("10.1.0.1"));
    }

    private void start(final String localTsA, final PacketPort wanA, final PacketPort wanB)
    {
        gatewayA = gateway(config("192.0.2.1", localTsA, "10.2.0.0/24", "a-to-b", "b-to-a"), lanA, wanA, tableA);
        gatewayB = gateway(config("192.0.2.2", "10.2.0.0/24", "10.1.0.0/24", "b-to-a", "a-to-b"), lanB, wanB, tableB);
    }

    private void start(final String localTsA)
    {
        start(localTsA, wan.a(), wan.b());
    }

    @AfterEach
    void close()
    {
        tableA.close();
        tableB.close();
    }

    @Test
    void packetsCrossTheTunnelBothWaysExactlyOnceAndInOrder()
    {
        start("10.1.0.0/24");
        final List<byte[]> toB = List.of(Packets.udp("10.1.0.5", "10.2.0.7", 0, 1),
            Packets.udp("10.1.0.5", "10.2.0.7", 1400, 2), Packets.udp("10.1.0.6", "10.2.0.8", 77, 3));
        toB.forEach(lanA::inject);

        assertThat(gatewayA.doWork()).isEqualTo(3);
        assertThat(gatewayB.doWork()).isEqualTo(3);

        assertThat(lanB.drain()).containsExactlyElementsOf(toB);
        final byte[] reply = Packets.udp("10.2.0.7", "10.1.0.5", 50, 4);
        lanB.inject(reply);
        gatewayB.doWork();
        gatewayA.doWork();
        assertThat(lanA.drain()).containsExactly(reply);
        assertThat(tableB.counters().total(Disposition.OK)).isEqualTo(3 + 1);
    }

    @Test
    void trafficNoPolicyCoversIsDroppedAndCounted()
    {
        start("10.1.0.0/24");
        lanA.inject(Packets.udp("10.1.0.5", "10.99.0.1", 10, 1));
        lanA.inject(Packets.udp("10.1.0.5", "10.2.0.1", 10, 2));

        gatewayA.doWork();
        gatewayB.doWork();

        assertThat(tableA.counters().total(Disposition.NO_POLICY)).isEqualTo(1);
        assertThat(lanB.drain()).hasSize(1);
    }

    @Test
    void aDecryptedPacketOutsideTheTunnelsSelectorsIsRefused()
    {
        // A protects more than B agreed to receive: B's inbound check catches 10.9.0.1.
        start("10.0.0.0/8");
        lanA.inject(Packets.udp("10.9.0.1", "10.2.0.7", 10, 1));
        lanA.inject(Packets.udp("10.1.0.9", "10.2.0.7", 10, 2));

        gatewayA.doWork();
        gatewayB.doWork();

        assertThat(tableB.counters().total(Disposition.POLICY_MISMATCH)).isEqualTo(1);
        assertThat(lanB.drain()).singleElement().satisfies(packet -> assertThat(packet[15]).isEqualTo((byte)9));
    }

    @Test
    void aReplayedEspPacketIsDroppedByTheReceivingGateway()
    {
        final MemoryPort wanA = new MemoryPort("wanA");
        final MemoryPort wanB = new MemoryPort("wanB");
        start("10.1.0.0/24", wanA, wanB);
        lanA.inject(Packets.udp("10.1.0.5", "10.2.0.7", 10, 1));
        gatewayA.doWork();
        final byte[] esp = wanA.drain().getFirst();
        assertThat(esp[9]).as("an ESP packet on the wire").isEqualTo((byte)50);

        wanB.inject(esp);
        wanB.inject(esp);
        gatewayB.doWork();

        assertThat(lanB.drain()).hasSize(1);
        assertThat(tableB.counters().total(Disposition.REPLAY)).isEqualTo(1);
    }

    /** A's tunnel carries at most 1500 - 20 (IP) - 8 (ESP) - 8 (IV) - 16 (ICV), rounded to 4, minus 2. */
    private static final int TUNNEL_MTU = (1500 - 20 - 8 - 8 - 16) / 4 * 4 - 2;

    @Test
    void aDfClearPacketOverTheTunnelMtuIsFragmentedBeforeEncryptionAndArrivesAsFragments()
    {
        start("10.1.0.0/24");
        final byte[] big = withoutDontFragment(Packets.udp("10.1.0.5", "10.2.0.7", 1472, 1));
        lanA.inject(big);

        gatewayA.doWork();
        gatewayB.doWork();

        assertThat(tableA.counters().total(Disposition.FRAGMENTED)).isEqualTo(1);
        final List<byte[]> fragments = lanB.drain();
        assertThat(fragments).hasSize(2).allSatisfy(fragment -> assertThat(fragment.length).isLessThanOrEqualTo(TUNNEL_MTU));
        final int firstData = fragments.get(0).length - 20;
        assertThat(fragments.get(0)[6] & 0x20).as("more fragments").isNotZero();
        assertThat(((fragments.get(1)[6] & 0x1F) << 8 | fragments.get(1)[7] & 0xFF) * 8).isEqualTo(firstData);
        assertThat(firstData + fragments.get(1).length - 20).isEqualTo(big.length - 20);
    }

    @Test
    void aDfSetPacketOverTheTunnelMtuIsAnsweredWithPacketTooBig()
    {
        start("10.1.0.0/24");
        final byte[] big = Packets.udp("10.1.0.5", "10.2.0.7", 1472, 1);
        lanA.inject(big);

        gatewayA.doWork();

        assertThat(tableA.counters().total(Disposition.OVER_TUNNEL_MTU)).isEqualTo(1);
        final byte[] reply = lanA.drain().getFirst();
        assertThat(reply[9]).as("ICMP").isEqualTo((byte)1);
        assertThat(reply[20]).as("destination unreachable").isEqualTo((byte)3);
        assertThat(reply[21]).as("fragmentation needed").isEqualTo((byte)4);
        assertThat((reply[26] & 0xFF) << 8 | reply[27] & 0xFF).as("next-hop MTU").isEqualTo(TUNNEL_MTU);
        assertThat(java.util.Arrays.copyOfRange(reply, 16, 20)).as("back to the sender")
            .isEqualTo(new byte[] {10, 1, 0, 5});
    }

    @Test
    void tcpSynsThroughTheTunnelHaveTheirMssClampedToFit()
    {
        start("10.1.0.0/24");
        final byte[] syn = tcpSyn(1460);
        lanA.inject(syn);

        gatewayA.doWork();
        gatewayB.doWork();

        // Clamped by A for its tunnel (GCM), then by B for the way back (CBC, 16-byte IV and blocks):
        // the smaller wins, so both ends send segments that cross either way whole.
        final int tunnelMtuBackwards = (1500 - 20 - 8 - 16 - 16) / 16 * 16 - 2;
        final byte[] arrived = lanB.drain().getFirst();
        assertThat((arrived[20 + 22] & 0xFF) << 8 | arrived[20 + 23] & 0xFF)
            .isEqualTo(Math.min(TUNNEL_MTU, tunnelMtuBackwards) - 40);
        final byte[] check = arrived.clone();
        assertThat(tcpChecksumVerifies(check)).as("TCP checksum still right").isTrue();
    }

    private static boolean tcpChecksumVerifies(final byte[] packet)
    {
        final int tcpLength = packet.length - 20;
        long sum = 6 + tcpLength;
        for (int i = 12; i < 20; i += 2)
        {
            sum += (packet[i] & 0xFF) << 8 | packet[i + 1] & 0xFF;
        }
        for (int i = 20; i < packet.length; i += 2)
        {
            sum += (packet[i] & 0xFF) << 8 | (i + 1 < packet.length ? packet[i + 1] & 0xFF : 0);
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum == 0xFFFF;
    }

    /** An IPv4 TCP SYN from 10.1.0.5 to 10.2.0.7 with one option, MSS, and a correct TCP checksum. */
    private static byte[] tcpSyn(final int mss)
    {
        final java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(20 + 24);
        packet.put((byte)0x45).put((byte)0).putShort((short)44).putShort((short)1).putShort((short)0x4000)
            .put((byte)64).put((byte)6).putShort((short)0).put(new byte[] {10, 1, 0, 5}).put(new byte[] {10, 2, 0, 7});
        packet.putShort((short)40000).putShort((short)80).putInt(1).putInt(0).put((byte)0x60).put((byte)0x02)
            .putShort((short)65535).putShort((short)0).putShort((short)0).put((byte)2).put((byte)4).putShort((short)mss);
        final byte[] bytes = packet.array();
        final int checksum = Packets.ipv4Checksum(bytes);
        bytes[10] = (byte)(checksum >> 8);
        bytes[11] = (byte)checksum;
        long sum = 6 + 24;
        for (int i = 12; i < bytes.length; i += 2)
        {
            sum += (bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        bytes[20 + 16] = (byte)(~sum >> 8);
        bytes[20 + 17] = (byte)~sum;
        return bytes;
    }

    @Test
    void espThatArrivesInFragmentsIsReassembledBeforeDecryption()
    {
        final MemoryPort wanA = new MemoryPort("wanA");
        final MemoryPort wanB = new MemoryPort("wanB");
        start("10.1.0.0/24", wanA, wanB);
        final byte[] packet = withoutDontFragment(Packets.udp("10.1.0.5", "10.2.0.7", 1200, 9));
        lanA.inject(packet);
        gatewayA.doWork();
        // DF clear inside means DF clear outside (RFC 4301 §8.1), so a router on the way may fragment.
        final byte[] esp = wanA.drain().getFirst();

        final io.torii.dataplane.packet.PacketBatch pieces = new io.torii.dataplane.packet.PacketBatch(8, 2048);
        final int made = new io.torii.dataplane.mtu.Ipv4Fragmenter().fragment(new org.agrona.concurrent.UnsafeBuffer(esp),
            0, esp.length, 576, pieces);
        assertThat(made).isEqualTo(3);
        for (int i = made - 1; i >= 0; i--)
        {
            wanB.inject(pieces.copyOut(i));
        }
        gatewayB.doWork();

        assertThat(lanB.drain()).containsExactly(packet);
        assertThat(tableB.counters().total(Disposition.REASSEMBLY)).isEqualTo(3);
    }

    private static byte[] withoutDontFragment(final byte[] packet)
    {
        packet[6] = 0;
        final int checksum = Packets.ipv4Checksum(packet);
        packet[10] = (byte)(checksum >> 8);
        packet[11] = (byte)checksum;
        return packet;
    }
}
