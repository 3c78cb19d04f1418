package io.torii.perf.jmh.worker;

import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.worker.GatewayWorker;
import io.torii.dataplane.worker.PacketHandoff;
import io.torii.dataplane.worker.ShardMap;
import io.torii.dataplane.worker.TunnelTable;
import io.torii.perf.jmh.esp.BenchEngines;
import io.torii.perf.jmh.esp.PacketPool;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway of one or more {@link GatewayWorker}s as the dataplane builds them, for the worker
 * benchmarks: tunnels dealt out by a {@link ShardMap}, each worker with its own crypto engine, SA table
 * (its tunnels' SAs), SPD (every tunnel's policies, so that it would recognise another worker's traffic
 * and hand it over), handoff queue and two {@link BenchPort}s. Traffic arrives on the worker that owns its
 * tunnel, so nothing is handed off; the handoff queues are drained (empty) on every duty cycle as in
 * production.
 *
 * <p>Outbound, each worker's LAN port spreads cleartext over all of its tunnels in turn and its WAN port
 * counts the ESP; inbound, its WAN port cycles through ciphertexts of its inbound SAs
 * ({@link BenchPools#ciphertext}) and its LAN port counts the cleartext.
 */
public final class BenchGateway implements AutoCloseable
{
    /** The duty cycle's burst, as the dataplane's. */
    public static final int BATCH = PacketPool.BATCH_SIZE;
    private static final int HANDOFF_BYTES = 1 << 22;
    private static final int SPARE_SLOTS = 16;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final GatewayWorker[] workers;
    private final BenchPort[] lans;
    private final BenchPort[] wans;

    /**
     * @param tunnelsAskedFor how many tunnels over all workers; fewer than the workers give each worker one, so
     *        that the 1-tunnel baseline of two workers is one tunnel each.
     * @param workerCount how many workers.
     * @param engine the crypto engine's name, one per worker.
     * @param outbound true to feed cleartext on the LAN side, false to feed ESP on the WAN side.
     * @param size the cleartext packet size parameter, bytes or {@code imix}.
     */
    public BenchGateway(final int tunnelsAskedFor, final int workerCount, final String engine,
        final boolean outbound, final String size)
    {
        final int tunnels = Math.max(BenchTunnels.check(tunnelsAskedFor), workerCount);
        final ShardMap shards = new ShardMap(workerCount);
        final PacketHandoff[] handoffs = new PacketHandoff[workerCount];
        for (int id = 0; id < workerCount; id++)
        {
            handoffs[id] = workerCount == 1 ? null : new PacketHandoff(HANDOFF_BYTES);
        }
        workers = new GatewayWorker[workerCount];
        lans = new BenchPort[workerCount];
        wans = new BenchPort[workerCount];
        try
        {
            for (int id = 0; id < workerCount; id++)
            {
                final int[] owned = owned(tunnels, shards, id);
                final CryptoEngine cryptoEngine = BenchEngines.create(engine);
                resources.add(cryptoEngine);
                final SaTable table = new SaTable(2 * owned.length + SPARE_SLOTS);
                resources.add(table);
                final PolicyTable policies = new PolicyTable();
                final TunnelTable tunnelTable = new TunnelTable(policies, table.capacity());
                install(tunnels, shards, id, table, tunnelTable, cryptoEngine);
                if (outbound)
                {
                    lans[id] = new BenchPort("lan" + id, BenchPools.cleartext(size), owned);
                    wans[id] = new BenchPort("wan" + id, null, null);
                }
                else
                {
                    lans[id] = new BenchPort("lan" + id, null, null);
                    wans[id] = new BenchPort("wan" + id, BenchPools.ciphertext(owned, size, cryptoEngine), null);
                }
                workers[id] = new GatewayWorker(id, lans[id], wans[id], table, policies, tunnelTable,
                    SaEventListener.NONE, BATCH, null, shards, handoffs, null);
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    /**
     * Installs tunnels in order on one worker: SAs and policies of its own, policies only of the
     * others', and every inbound SPI's owner in the shard map.
     */
    private static void install(final int tunnels, final ShardMap shards, final int id, final SaTable table,
        final TunnelTable tunnelTable, final CryptoEngine engine)
    {
        for (int tunnel = 0; tunnel < tunnels; tunnel++)
        {
            shards.inboundSpi(BenchTunnels.inboundSpi(tunnel), tunnel);
            if (shards.ownerOfTunnel(tunnel) != id)
            {
                tunnelTable.addForeign(BenchTunnels.localSelectors(tunnel), BenchTunnels.remoteSelectors(tunnel));
                continue;
            }
            final int out = table.install(BenchTunnels.outbound(tunnel), Direction.OUTBOUND, engine);
            final int in = table.install(BenchTunnels.inbound(tunnel), Direction.INBOUND, engine);
            // No tunnel MTU: the ports carry any size, and IMIX's 1500-byte packets must not be fragmented.
            tunnelTable.add(BenchTunnels.localSelectors(tunnel), BenchTunnels.remoteSelectors(tunnel), out,
                new int[]{in});
        }
    }

    private static int[] owned(final int tunnels, final ShardMap shards, final int id)
    {
        int count = 0;
        for (int tunnel = 0; tunnel < tunnels; tunnel++)
        {
            count += shards.ownerOfTunnel(tunnel) == id ? 1 : 0;
        }
        if (count == 0)
        {
            throw new IllegalArgumentException("worker " + id + " of " + shards.workers() + " owns none of " +
                tunnels + " tunnels: use at least as many tunnels as workers");
        }
        final int[] owned = new int[count];
        int next = 0;
        for (int tunnel = 0; tunnel < tunnels; tunnel++)
        {
            if (shards.ownerOfTunnel(tunnel) == id)
            {
                owned[next++] = tunnel;
            }
        }
        return owned;
    }

    /** @return how many workers there are. */
    public int workers()
    {
        return workers.length;
    }

    /** @return a worker, to be driven by one thread only. */
    public GatewayWorker worker(final int id)
    {
        return workers[id];
    }

    /** @return packets a worker has transmitted OK on either port; read on its thread. */
    public long sent(final int id)
    {
        return lans[id].sent() + wans[id].sent();
    }

    /**
     * Describes why a duty cycle did not move a full burst: the counts of every disposition other
     * than OK on the worker's table. Builds a string: for failures only.
     *
     * @param id the worker.
     * @param moved packets transmitted OK in the cycle.
     * @return the message.
     */
    public String shortfall(final int id, final long moved)
    {
        final StringBuilder text = new StringBuilder("worker " + id + " sent " + moved + " of a burst of " +
            BATCH + " packets; drops so far:");
        final SaTable table = workers[id].table();
        for (final Disposition disposition : Disposition.values())
        {
            final long count = table.counters().total(disposition);
            if (disposition != Disposition.OK && count > 0)
            {
                text.append(' ').append(disposition).append('=').append(count);
            }
        }
        return text.toString();
    }

    /** Removes every SA, zeroing keys, then closes the engines. */
    @Override
    public void close()
    {
        for (final AutoCloseable resource : resources.reversed())
        {
            try
            {
                resource.close();
            }
            catch (final Exception ex)
            {
                // Closing the rest matters more; each resource releases what it can.
            }
        }
        resources.clear();
    }
}
