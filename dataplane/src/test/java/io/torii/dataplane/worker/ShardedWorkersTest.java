package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
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
 * Gateway A runs two workers, each owning one of two tunnels; gateway B runs one worker with both.
 * Packets reach A's workers on whichever queue the kernel picked: a worker hands packets of the
 * other's tunnel over, and the owner processes each exactly once and in order.
 */
class ShardedWorkersTest
{
    private static final String SAS = """
        sas {
          t0-out {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          t0-in {
            spi = 0x1001
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes128gcm16
            enc_key = 0x101112131415161718191a1b1c1d1e1f20212223
          }
          t1-out {
            spi = 0x2000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes256gcm16
            enc_key = 0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243
          }
          t1-in {
            spi = 0x2001
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes256gcm16
            enc_key = 0x404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263
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
                port = udp
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
            """.formatted(SAS, mine, theirs, sideA ? "t0-out" : "t0-in", sideA ? "t0-in" : "t0-out",
            mine, theirs, sideA ? "t1-out" : "t1-in", sideA ? "t1-in" : "t1-out"), "test.conf");
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
    void packetsOnTheWrongWorkerAreHandedToTheOwnerAndProcessedOnceInOrder()
    {
        final ShardMap shardsA = new ShardMap(2);
        final PacketHandoff[] handoffsA = {new PacketHandoff(1 << 16), new PacketHandoff(1 << 16)};
        final MemoryPort lanA0 = new MemoryPort("lanA0");
        final MemoryPort lanA1 = new MemoryPort("lanA1");
        final MemoryPort wanA0 = new MemoryPort("wanA0");
        final MemoryPort wanA1 = new MemoryPort("wanA1");
        final GatewayWorker a0 = worker(config(true), 0, shardsA, handoffsA, lanA0, wanA0);
        final GatewayWorker a1 = worker(config(true), 1, shardsA, handoffsA, lanA1, wanA1);
        final MemoryPort lanB = new MemoryPort("lanB");
        final MemoryPort wanB = new MemoryPort("wanB");
        final GatewayWorker b = worker(config(false), 0, new ShardMap(1), new PacketHandoff[] {null}, lanB, wanB);

        // Outbound: all of tunnel 1's traffic arrives on worker 0, which owns tunnel 0 only.
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final byte[] packet = Packets.udp("10.1.1.5", "10.2.1.7", i, i);
            sent.add(packet);
            lanA0.inject(packet);
        }
        lanA0.inject(Packets.udp("10.1.0.5", "10.2.0.7", 3, 99));
        a0.doWork();
        a1.doWork();
        final List<byte[]> fromA0 = wanA0.drain();
        final List<byte[]> fromA1 = wanA1.drain();
        assertThat(fromA0).as("tunnel 0, owned by worker 0").hasSize(1);
        assertThat(fromA1).as("tunnel 1, handed to worker 1").hasSize(10);
        assertThat(tables.get(0).counters().total(Disposition.HANDED_OFF)).isEqualTo(10);

        fromA1.forEach(wanB::inject);
        fromA0.forEach(wanB::inject);
        b.doWork();
        final List<byte[]> delivered = lanB.drain();
        assertThat(delivered).hasSize(11);
        assertThat(delivered.subList(0, 10)).as("exactly once, in order").containsExactlyElementsOf(sent);

        // Inbound: tunnel 1's ESP arrives on worker 0's socket and is decrypted by worker 1.
        final List<byte[]> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            final byte[] reply = Packets.udp("10.2.1.7", "10.1.1.5", 20 + i, i);
            replies.add(reply);
            lanB.inject(reply);
        }
        b.doWork();
        wanB.drain().forEach(wanA0::inject);
        a0.doWork();
        a1.doWork();
        assertThat(lanA0.drain()).isEmpty();
        assertThat(lanA1.drain()).containsExactlyElementsOf(replies);
        assertThat(handoffsA[1].congestionDrops()).isZero();
    }

    @Test
    void aFullHandoffQueueDropsAndCountsCongestion()
    {
        final ShardMap shards = new ShardMap(2);
        final PacketHandoff[] handoffs = {new PacketHandoff(1024), new PacketHandoff(1024)};
        final MemoryPort lan0 = new MemoryPort("lan0");
        final GatewayWorker a0 = worker(config(true), 0, shards, handoffs, lan0, new MemoryPort("wan0"));
        for (int i = 0; i < 20; i++)
        {
            lan0.inject(Packets.udp("10.1.1.5", "10.2.1.7", 100, i));
        }

        a0.doWork();

        assertThat(handoffs[1].congestionDrops()).isPositive();
        assertThat(tables.get(0).counters().total(Disposition.HANDOFF_CONGESTION))
            .isEqualTo(handoffs[1].congestionDrops());
        assertThat(tables.get(0).counters().total(Disposition.HANDED_OFF) +
            tables.get(0).counters().total(Disposition.HANDOFF_CONGESTION)).isEqualTo(20);
    }
}
