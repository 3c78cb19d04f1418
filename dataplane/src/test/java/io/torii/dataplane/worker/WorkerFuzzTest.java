package io.torii.dataplane.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.DaemonConfigReader;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.port.memory.MemoryPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.testing.Packets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage on both ports of a worker, between good packets: every bad packet is counted under a
 * named disposition, the worker never throws, and the good packets still cross.
 */
class WorkerFuzzTest
{
    private static final String CONFIG = """
        dataplane {
          wan {
            port = udp
            address = 192.0.2.1
          }
          lan {
            port = tun
            interface = torii0
            address = 10.1.0.1
          }
        }
        sas {
          out {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            encap = yes
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
          in {
            spi = 0x1000
            src = 192.0.2.1
            dst = 192.0.2.2
            encap = yes
            proposal = aes128gcm16
            enc_key = 0x000102030405060708090a0b0c0d0e0f10111213
          }
        }
        tunnels {
          t {
            local_ts = 10.1.0.0/16
            remote_ts = 10.1.0.0/16
            out = out
            in = in
          }
        }
        """;

    @Test
    void garbageOnEitherPortIsCountedAndNeverStopsTheWorker()
    {
        final MemoryPort lan = new MemoryPort("lan");
        final MemoryPort wan = new MemoryPort("wan");
        try (SaTable table = new SaTable(8))
        {
            final PolicyTable policies = new PolicyTable();
            final TunnelTable tunnels = new TunnelTable(policies, 8);
            StaticTunnels.install(DaemonConfigReader.read(CONFIG, "fuzz.conf"), table, tunnels, new JdkCryptoEngine());
            final GatewayWorker worker = new GatewayWorker(0, lan, wan, table, policies, tunnels, SaEventListener.NONE,
                32, null, new ShardMap(1), new PacketHandoff[] {null}, Packets.address("10.1.0.1"));
            final Random random = new Random(4303);
            int good = 0;
            for (int round = 0; round < 2_000; round++)
            {
                final byte[] packet = Packets.udp("10.1.0.5", "10.1.9.7", random.nextInt(1300), round);
                lan.inject(packet);
                lan.inject(mutate(packet, random));
                worker.doWork();
                final List<byte[]> esp = wan.drain();
                assertThat(esp).isNotEmpty();
                // Loop the first ESP packet back in, with garbage beside it: it must decrypt to the original.
                wan.inject(esp.getFirst());
                wan.inject(mutate(esp.getFirst(), random));
                worker.doWork();
                final List<byte[]> back = lan.drain();
                good += back.stream().filter(p -> java.util.Arrays.equals(p, packet)).count() > 0 ? 1 : 0;
            }

            assertThat(good).as("every good packet made the round trip").isEqualTo(2_000);
            long bad = 0;
            for (final Disposition disposition : Disposition.values())
            {
                if (disposition != Disposition.OK && disposition != Disposition.HANDED_OFF)
                {
                    bad += table.counters().total(disposition);
                }
            }
            assertThat(bad).as("garbage counted under named reasons").isGreaterThan(1_000);
        }
    }

    private static byte[] mutate(final byte[] packet, final Random random)
    {
        return switch (random.nextInt(3))
        {
            case 0 -> java.util.Arrays.copyOf(packet, random.nextInt(packet.length));
            case 1 ->
            {
                final byte[] copy = packet.clone();
                for (int i = 0, flips = 1 + random.nextInt(6); i < flips; i++)
                {
                    copy[random.nextInt(copy.length)] ^= (byte)(1 << random.nextInt(8));
                }
                yield copy;
            }
            default ->
            {
                final byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }
}
