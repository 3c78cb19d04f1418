package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gateways with an ESP tunnel (t0: 10.1.0.0/24 to 10.2.0.0/24) and an AH tunnel (t1: 10.1.1.0/24 to
 * 10.2.1.0/24) side by side: one burst mixing both is protected and unprotected packet by packet with
 * each SA's own protocol, and with two workers AH packets are steered by their SPI to the worker that
 * owns the AH tunnel, as ESP packets are.
 */
class AhAndEspWorkersTest
{
    private static final String SAS = """
        sas {
          esp-out {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          esp-in {
            spi = 0x1001
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes128gcm16
            enc_key = 0x101112131415161718191a1b1c1d1e1f20212223
          }
          ah-out {
            spi = 0x5100
            src = 192.0.2.1
            dst = 192.0.2.2
            protocol = ah
            proposal = sha256
            integ_key = 0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f
          }
          ah-in {
            spi = 0x5101
            src = 192.0.2.2
            dst = 192.0.2.1
            protocol = ah
            proposal = sha256
            integ_key = 0x404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f
          }
        }
        """;

    private final List<SaTable> tables = new ArrayList<>();

    private static DaemonConfig config(final boolean sideA)
    {
        final String mine = sideA ? "10.1" : "10.2";
        final String theirs = sideA ? "10.2" : "10.1";
        return DaemonConfigReader.read("""
            dataplane {
              wan {
                port = raw
                address = 192.0.2.1
              }
              lan {
                port = tun
                interface = torii0
              }
            }
            %s
            tunnels {
              t0 {
                local_ts = %s.0.0/24
                remote_ts = %s.0.0/24
                out = %s
                in = %s
              }
              t1 {
                local_ts = %s.1.0/24
                remote_ts = %s.1.0/24
                out = %s
                in = %s
              }
            }
            """.formatted(SAS, mine, theirs, sideA ? "esp-out" : "esp-in", sideA ? "esp-in" : "esp-out",
            mine, theirs, sideA ? "ah-out" : "ah-in", sideA ? "ah-in" : "ah-out"), "mixed.conf");
    }

    private GatewayWorker worker(final DaemonConfig config, final int id, final ShardMap shards,
        final PacketHandoff[] handoffs, final MemoryPort lan, final MemoryPort wan)
    {
        final SaTable table = new SaTable(8);
        tables.add(table);
        final PolicyTable policies = new PolicyTable();
        final TunnelTable tunnels = new TunnelTable(policies, table.capacity());
        StaticTunnels.install(config, table, tunnels, new JdkCryptoEngine(), shards, id);
        return new GatewayWorker(id, lan, wan, table, policies, tunnels, SaEventListener.NONE, 32, null, shards,
            handoffs, null);
    }

    @AfterEach
    void close()
    {
        tables.forEach(SaTable::close);
    }

    @Test
    void aBurstMixingEspAndAhTunnelsIsProtectedAndUnprotectedEachWithItsOwnProtocol()
    {
        final MemoryPort lanA = new MemoryPort("lanA");
        final MemoryPort wanA = new MemoryPort("wanA");
        final MemoryPort lanB = new MemoryPort("lanB");
        final MemoryPort wanB = new MemoryPort("wanB");
        final GatewayWorker a = worker(config(true), 0, new ShardMap(1), new PacketHandoff[] {null}, lanA, wanA);
        final GatewayWorker b = worker(config(false), 0, new ShardMap(1), new PacketHandoff[] {null}, lanB, wanB);
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            final byte[] packet = Packets.udp(i % 3 == 0 ? "10.1.0.5" : "10.1.1.5", i % 3 == 0 ? "10.2.0.7" :
                "10.2.1.7", 20 + i, i);
            sent.add(packet);
            lanA.inject(packet);
        }

        a.doWork();
        final List<byte[]> wire = wanA.drain();
        assertThat(wire).hasSize(12);
        for (int i = 0; i < 12; i++)
        {
            assertThat(wire.get(i)[9] & 0xFF).as("packet %d's protocol", i)
                .isEqualTo(i % 3 == 0 ? IpProtocols.ESP : IpProtocols.AH);
        }
        wire.forEach(wanB::inject);
        b.doWork();

        assertThat(lanB.drain()).containsExactlyElementsOf(sent);
        final SaTable tableB = tables.get(1);
        assertThat(tableB.counters().count(tableB.findInbound(IpProtocols.ESP, 0x1000), Disposition.OK)).isEqualTo(4);
        assertThat(tableB.counters().count(tableB.findInbound(IpProtocols.AH, 0x5100), Disposition.OK)).isEqualTo(8);
    }

    @Test
    void ahPacketsOnTheWrongWorkerAreSteeredBySpiToTheOwnerAndProcessedOnceInOrder()
    {
        final MemoryPort lanA = new MemoryPort("lanA");
        final MemoryPort wanA = new MemoryPort("wanA");
        final GatewayWorker a = worker(config(true), 0, new ShardMap(1), new PacketHandoff[] {null}, lanA, wanA);
        final ShardMap shardsB = new ShardMap(2);
        final PacketHandoff[] handoffsB = {new PacketHandoff(1 << 16), new PacketHandoff(1 << 16)};
        final MemoryPort lanB0 = new MemoryPort("lanB0");
        final MemoryPort lanB1 = new MemoryPort("lanB1");
        final MemoryPort wanB0 = new MemoryPort("wanB0");
        final MemoryPort wanB1 = new MemoryPort("wanB1");
        final GatewayWorker b0 = worker(config(false), 0, shardsB, handoffsB, lanB0, wanB0);
        final GatewayWorker b1 = worker(config(false), 1, shardsB, handoffsB, lanB1, wanB1);
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final byte[] packet = Packets.udp("10.1.1.5", "10.2.1.7", i, i);
            sent.add(packet);
            lanA.inject(packet);
        }
        a.doWork();

        // Every AH packet reaches worker 0, but tunnel t1 (and its AH SA) belongs to worker 1.
        wanA.drain().forEach(wanB0::inject);
        b0.doWork();
        b1.doWork();

        assertThat(tables.get(1).counters().total(Disposition.HANDED_OFF)).isEqualTo(10);
        assertThat(lanB0.drain()).isEmpty();
        assertThat(lanB1.drain()).as("exactly once, in order").containsExactlyElementsOf(sent);
        final SaTable ownerTable = tables.get(2);
        assertThat(ownerTable.counters().count(ownerTable.findInbound(IpProtocols.AH, 0x5100), Disposition.OK))
            .isEqualTo(10);
    }
}
