package io.torii.perf.jmh.worker;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.perf.jmh.esp.BatchOutcome;
import io.torii.perf.jmh.esp.CleartextPackets;
import io.torii.perf.jmh.esp.PacketPool;
import io.torii.perf.jmh.esp.PacketSizes;

/**
 * The packet pools the worker benchmarks' ports receive from. Set-up code only: allocates freely.
 */
public final class BenchPools
{
    /**
     * The most ciphertexts an inbound pool holds: enough to spread over thousands of SAs, few enough
     * (6 MB at 1,400 bytes) that the pool's own cache misses do not swamp the worker's.
     */
    public static final int MAX_INBOUND_POOL = 43 * PacketPool.POOL_SIZE;

    private BenchPools()
    {
    }

    /**
     * @param size the size parameter, bytes or {@code imix}.
     * @return {@value PacketPool#POOL_SIZE} UDP packets for a LAN port to stamp with tunnel addresses.
     */
    public static PacketPool cleartext(final String size)
    {
        return new PacketPool(CleartextPackets.udp(PacketSizes.sequence(size, PacketPool.POOL_SIZE), 1));
    }

    /**
     * Encrypts, as the peer would, one packet per inbound SA of the given tunnels, in tunnel order: all
     * of them while they fit {@link #MAX_INBOUND_POOL}, otherwise that many spread evenly over the
     * tunnels. The pool is a whole number of {@value PacketPool#POOL_SIZE}-packet rounds, so every
     * burst holds the same IMIX mix, and at least one such round, a single tunnel's SA repeating.
     *
     * @param tunnels the tunnels of one worker.
     * @param size the cleartext size parameter.
     * @param engine the engine to encrypt with.
     * @return ESP packets from the peer for the worker's WAN port.
     */
    public static PacketPool ciphertext(final int[] tunnels, final String size, final CryptoEngine engine)
    {
        final int count = Math.min(MAX_INBOUND_POOL, roundUp(tunnels.length, PacketPool.POOL_SIZE));
        final byte[][] cleartext = CleartextPackets.udp(PacketSizes.sequence(size, count), 2);
        final byte[][] sealed = new byte[count][];
        final PacketBatch batch = new PacketBatch(1, PacketBatch.DEFAULT_MAX_PACKET);
        try (SaTable peer = new SaTable(1))
        {
            final EspEncapsulator encapsulator = new EspEncapsulator(peer, SaEventListener.NONE);
            for (int i = 0; i < count; i++)
            {
                final int tunnel = tunnels.length <= count ? tunnels[i % tunnels.length] :
                    tunnels[(int)((long)i * tunnels.length / count)];
                // The peer's outbound SA is the gateway's inbound one: same SPI and keys.
                final int slot = peer.install(BenchTunnels.inbound(tunnel), Direction.OUTBOUND, engine);
                batch.clear();
                final int index = batch.add(cleartext[i], 0, cleartext[i].length);
                BenchPort.stamp(batch.buffer(index), batch.offset(index), BenchTunnels.remoteHost(tunnel),
                    BenchTunnels.localHost(tunnel));
                BatchOutcome.requireAllOk(batch, encapsulator.process(batch, slot), "peer encrypt");
                sealed[i] = batch.copyOut(index);
                peer.remove(slot);
            }
        }
        return new PacketPool(sealed);
    }

    private static int roundUp(final int value, final int multiple)
    {
        return (value + multiple - 1) / multiple * multiple;
    }
}
