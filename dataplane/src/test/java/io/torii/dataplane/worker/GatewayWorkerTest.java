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
        return new GatewayWorker(0, lan, wanPort, table, policies, tunnels, SaEventListener.NONE, 32);
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
}
