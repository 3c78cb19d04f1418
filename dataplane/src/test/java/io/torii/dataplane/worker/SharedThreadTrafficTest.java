package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfig;
import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.port.memory.MemoryPortPair;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.testing.Packets;
import io.torii.dataplane.threading.IdleStrategyConfig;
import io.torii.dataplane.threading.ThreadingConfig;
import io.torii.dataplane.threading.WorkerThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway A runs two real workers composed on one shared thread, each owning one of two tunnels,
 * with thread-safe in-memory ports; gateway B runs one worker driven by the test. Traffic for both
 * tunnels enters A through worker 0, so worker 1's share crosses the handoff queue on the same thread:
 * <pre>
 *   test --lan0--> [A: worker 0 | worker 1 on "torii-workers"] --wan0/wan1--> test --> [B] --> lan
 * </pre>
 */
class SharedThreadTrafficTest
{
    private static final String CONFIG = """
        dataplane {
          workers = %d
          threading = shared
          wan {
            port = udp
            address = 192.0.2.1
          }
          lan {
            port = tun
            interface = torii0
          }
        }
        sas {
          t0-out {
            spi = 0x3000
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          t1-out {
            spi = 0x3001
            src = 192.0.2.1
            dst = 192.0.2.2
            proposal = aes256gcm16
            enc_key = 0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243
          }
          t0-in {
            spi = 0x4000
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes128gcm16
            enc_key = 0x101112131415161718191a1b1c1d1e1f20212223
          }
          t1-in {
            spi = 0x4001
            src = 192.0.2.2
            dst = 192.0.2.1
            proposal = aes128gcm16
            enc_key = 0x303132333435363738393a3b3c3d3e3f40414243
          }
        }
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
        """;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final List<SaTable> tables = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private WorkerThreads threads;

    private static DaemonConfig config(final boolean sideA)
    {
        final String mine = sideA ? "10.1" : "10.2";
        final String theirs = sideA ? "10.2" : "10.1";
        final String out = sideA ? "out" : "in";
        final String in = sideA ? "in" : "out";
        return DaemonConfigReader.read(CONFIG.formatted(sideA ? 2 : 1, mine, theirs, "t0-" + out, "t0-" + in,
            mine, theirs, "t1-" + out, "t1-" + in), "shared.conf");
    }

    private GatewayWorker worker(final DaemonConfig config, final int id, final ShardMap shards,
        final PacketHandoff[] handoffs, final PacketPort lan, final PacketPort wan)
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
        if (threads != null)
        {
            threads.close();
        }
        tables.forEach(SaTable::close);
    }

    @Test
    void twoWorkersOnOneThreadEncryptEveryPacketOnceAndInOrder()
    {
        final DaemonConfig configA = config(true);
        final ShardMap shardsA = new ShardMap(2);
        final PacketHandoff[] handoffsA = {new PacketHandoff(1 << 16), new PacketHandoff(1 << 16)};
        final MemoryPortPair lan0 = new MemoryPortPair(64);
        final MemoryPortPair wan0 = new MemoryPortPair(64);
        final MemoryPortPair wan1 = new MemoryPortPair(64);
        final GatewayWorker a0 = worker(configA, 0, shardsA, handoffsA, lan0.a(), wan0.a());
        final GatewayWorker a1 = worker(configA, 1, shardsA, handoffsA, new MemoryPortPair(4).a(), wan1.a());
        shardsA.seal();
        assertThat(configA.threading().mode()).isEqualTo(ThreadingConfig.shared(IdleStrategyConfig.DEFAULT).mode());

        threads = WorkerThreads.start(List.of(a0, a1), configA.threading(), errors::add);
        assertThat(threads.threads()).singleElement().extracting(Thread::getName)
            .isEqualTo(WorkerThreads.SHARED_THREAD_NAME);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
            .noneMatch(name -> name.startsWith("torii-worker-"));

        final List<byte[]> tunnel1 = new ArrayList<>();
        final PacketBatch toSend = new PacketBatch();
        for (int i = 0; i < 10; i++)
        {
            final byte[] packet = Packets.udp("10.1.1.5", "10.2.1.7", 40 + i, i);
            tunnel1.add(packet);
            toSend.add(packet, 0, packet.length);
        }
        final byte[] tunnel0 = Packets.udp("10.1.0.5", "10.2.0.7", 30, 99);
        toSend.add(tunnel0, 0, tunnel0.length);
        assertThat(lan0.b().transmit(toSend)).isEqualTo(11);

        final List<byte[]> fromWorker0 = new ArrayList<>();
        final List<byte[]> fromWorker1 = new ArrayList<>();
        final PacketBatch received = new PacketBatch();
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (fromWorker0.size() + fromWorker1.size() < 11 && System.nanoTime() < deadline)
        {
            collect(wan0.b(), received, fromWorker0);
            collect(wan1.b(), received, fromWorker1);
            Thread.onSpinWait();
        }
        assertThat(fromWorker0).as("tunnel 0, worker 0's own").hasSize(1);
        assertThat(fromWorker1).as("tunnel 1, handed to worker 1 on the same thread").hasSize(10);
        assertThat(errors).isEmpty();

        final MemoryPort lanB = new MemoryPort("lanB");
        final MemoryPort wanB = new MemoryPort("wanB");
        final GatewayWorker b = worker(config(false), 0, new ShardMap(1), new PacketHandoff[] {null}, lanB, wanB);
        fromWorker1.forEach(wanB::inject);
        fromWorker0.forEach(wanB::inject);
        b.doWork();
        final List<byte[]> delivered = lanB.drain();
        assertThat(delivered).hasSize(11);
        assertThat(delivered.subList(0, 10)).as("exactly once, in order").containsExactlyElementsOf(tunnel1);
        assertThat(delivered.get(10)).isEqualTo(tunnel0);
    }

    private static void collect(final PacketPort port, final PacketBatch batch, final List<byte[]> into)
    {
        batch.clear();
        port.receive(batch);
        for (int i = 0; i < batch.size(); i++)
        {
            into.add(batch.copyOut(i));
        }
    }
}
