package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.DataplaneProgrammer;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.FlushScope;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.dataplane.spd.SecurityPolicy;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies the control plane's requests, read from the control ring, to the workers: each change to
 * an SA goes to the worker that owns its tunnel, each policy to every worker (all of them must
 * recognise a tunnel's traffic to steer it), always as a {@link WorkerCommand} run on the worker's
 * own thread. Answers and failures go back on the events ring.
 *
 * <p>Runs on the control agent's thread; the bookkeeping of which worker holds which SPI is its own.
 */
public final class WorkerProgrammer implements DataplaneProgrammer
{
    private final List<GatewayWorker> workers;
    private final ShardMap shards;
    private final EventsProxy events;
    private final int pathMtu;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Integer> ownerOfSa = new HashMap<>();
    /** SAs a worker failed to install, reported back from its thread, forgotten at the next request. */
    private final Queue<Long> failedInstalls = new ConcurrentLinkedQueue<>();

    /**
     * @param workers the workers, by id.
     * @param shards who owns which tunnel.
     * @param events where answers go.
     * @param pathMtu the WAN path MTU, for tunnel MTUs.
     */
    public WorkerProgrammer(final List<GatewayWorker> workers, final ShardMap shards, final EventsProxy events,
        final int pathMtu)
    {
        this.workers = List.copyOf(workers);
        this.shards = shards;
        this.events = events;
        this.pathMtu = pathMtu;
    }

    private static long saKey(final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        return (long)spi << 32 | protocol.ordinal() << 8 | direction.ordinal();
    }

    @Override
    public void onAllocateSpi(final long correlationId, final IpsecProtocol protocol, final int minSpi,
        final int maxSpi)
    {
        final long low = Math.max(Integer.toUnsignedLong(minSpi), 256);
        final long high = Integer.toUnsignedLong(maxSpi);
        if (low > high)
        {
            failed(correlationId, "no SPI in range " + Long.toHexString(low) + ".." + Long.toHexString(high));
            return;
        }
        for (int attempt = 0; attempt < 64; attempt++)
        {
            final int spi = (int)(low + Math.floorMod(random.nextLong(), high - low + 1));
            if (shards.ownerOfSpi(spi) == ShardMap.NONE && !ownerOfSa.containsKey(saKey(spi, protocol, Direction.INBOUND)))
            {
                spiAllocated(correlationId, protocol, spi);
                return;
            }
        }
        failed(correlationId, "no free SPI found in range");
    }

    private void forgetFailedInstalls()
    {
        for (Long key = failedInstalls.poll(); key != null; key = failedInstalls.poll())
        {
            ownerOfSa.remove(key);
        }
    }

    @Override
    public void onAddSa(final long correlationId, final SaConfig config, final Direction direction,
        final int tunnelId, final SaLifetimes lifetimes)
    {
        forgetFailedInstalls();
        final int owner = shards.ownerOfTunnel(tunnelId);
        final long key = saKey(config.spi(), config.protocol(), direction);
        if (ownerOfSa.containsKey(key))
        {
            config.destroyKeys();
            failed(correlationId, config.name() + ": an SA with SPI 0x" + Integer.toHexString(config.spi()) +
                " " + direction + " is already installed");
            return;
        }
        ownerOfSa.put(key, owner);
        final boolean sent = workers.get(owner).submit(worker ->
        {
            try
            {
                final int slot = worker.table().install(config, direction, worker.engine());
                if (worker.shared() != null)
                {
                    worker.shared().saInstalled(slot, config, direction);
                }
                worker.controlEvents().saInstalled(slot, lifetimes, worker.nanoTime());
                final TunnelTable tunnels = worker.tunnels();
                if (direction == Direction.INBOUND)
                {
                    tunnels.addInbound(tunnelId, slot);
                    shards.inboundSpi(config.spi(), tunnelId);
                }
                else if (tunnels.outboundSlot(tunnelId) == SaTable.NONE)
                {
                    // A tunnel's first outbound SA sends at once; later ones wait for switchOutbound.
                    tunnels.setOutbound(tunnelId, slot, innerMtu(worker.table(), slot));
                }
                completed(correlationId);
            }
            catch (final RuntimeException ex)
            {
                config.destroyKeys();
                failedInstalls.add(key);
                failed(correlationId, config.name() + ": " + ex.getMessage());
            }
        });
        if (!sent)
        {
            ownerOfSa.remove(key);
            config.destroyKeys();
            failed(correlationId, "worker " + owner + " is busy; retry");
        }
    }

    private int innerMtu(final SaTable table, final int slot)
    {
        return InnerMtu.of(pathMtu, table, slot);
    }

    @Override
    public void onUpdateSa(final long correlationId, final int spi, final IpsecProtocol protocol,
        final Direction direction, final SaLifetimes lifetimes)
    {
        forgetFailedInstalls();
        final Integer owner = ownerOfSa.get(saKey(spi, protocol, direction));
        if (owner == null)
        {
            failed(correlationId, "no SA with SPI 0x" + Integer.toHexString(spi));
            return;
        }
        submitOrFail(correlationId, owner, worker ->
        {
            final int slot = findSlot(worker.table(), spi, protocol, direction);
            if (slot == SaTable.NONE)
            {
                failed(correlationId, "no " + direction + " SA with SPI 0x" + Integer.toHexString(spi));
                return;
            }
            worker.controlEvents().saUpdated(slot, lifetimes, worker.nanoTime());
            completed(correlationId);
        });
    }

    @Override
    public void onSwitchOutbound(final long correlationId, final int tunnelId, final int spi,
        final IpsecProtocol protocol)
    {
        final int owner = shards.ownerOfTunnel(tunnelId);
        submitOrFail(correlationId, owner, worker ->
        {
            final int slot = findSlot(worker.table(), spi, protocol, Direction.OUTBOUND);
            if (slot == SaTable.NONE)
            {
                failed(correlationId, "no outbound SA with SPI 0x" + Integer.toHexString(spi));
                return;
            }
            worker.tunnels().setOutbound(tunnelId, slot, innerMtu(worker.table(), slot));
            completed(correlationId);
        });
    }

    @Override
    public void onMoveSa(final long correlationId, final int spi, final IpsecProtocol protocol,
        final Direction direction, final InetAddress source, final int sourcePort, final InetAddress destination,
        final int destinationPort, final boolean udpEncapsulation)
    {
        forgetFailedInstalls();
        final Integer owner = ownerOfSa.get(saKey(spi, protocol, direction));
        if (owner == null)
        {
            failed(correlationId, "no " + direction + " SA with SPI 0x" + Integer.toHexString(spi));
            return;
        }
        submitOrFail(correlationId, owner, worker ->
        {
            final SaTable table = worker.table();
            final int slot = findSlot(table, spi, protocol, direction);
            if (slot == SaTable.NONE)
            {
                failed(correlationId, "no " + direction + " SA with SPI 0x" + Integer.toHexString(spi));
                return;
            }
            try
            {
                table.move(slot, source, sourcePort, destination, destinationPort, udpEncapsulation);
            }
            catch (final IllegalArgumentException ex)
            {
                failed(correlationId, ex.getMessage());
                return;
            }
            refreshInnerMtu(worker.tunnels(), table, slot);
            completed(correlationId);
        });
    }

    /** UDP encapsulation and the address family size the outer header: a tunnel sending with the SA gets a new MTU. */
    private void refreshInnerMtu(final TunnelTable tunnels, final SaTable table, final int slot)
    {
        for (int tunnel = 0; tunnel < tunnels.size(); tunnel++)
        {
            if (tunnels.outboundSlot(tunnel) == slot)
            {
                tunnels.setOutbound(tunnel, slot, innerMtu(table, slot));
            }
        }
    }

    @Override
    public void onDeleteSa(final long correlationId, final int spi, final IpsecProtocol protocol,
        final Direction direction)
    {
        forgetFailedInstalls();
        final Integer owner = ownerOfSa.remove(saKey(spi, protocol, direction));
        if (owner == null)
        {
            failed(correlationId, "no " + direction + " SA with SPI 0x" + Integer.toHexString(spi));
            return;
        }
        if (direction == Direction.INBOUND)
        {
            shards.forgetSpi(spi);
        }
        submitOrFail(correlationId, owner, worker ->
        {
            final int slot = findSlot(worker.table(), spi, protocol, direction);
            if (slot != SaTable.NONE)
            {
                worker.controlEvents().saRemoved(slot);
                worker.tunnels().removeSlot(slot);
                if (worker.shared() != null)
                {
                    worker.shared().saRemoved(slot);
                }
                worker.table().remove(slot);
            }
            completed(correlationId);
        });
    }

    private static int findSlot(final SaTable table, final int spi, final IpsecProtocol protocol,
        final Direction direction)
    {
        for (int slot = 0; slot < table.capacity(); slot++)
        {
            final SaConfig config = table.config(slot);
            if (config != null && config.spi() == spi && config.protocol() == protocol &&
                table.direction(slot) == direction)
            {
                return slot;
            }
        }
        return SaTable.NONE;
    }

    @Override
    public void onAddPolicy(final long correlationId, final int policyId, final String local, final String remote,
        final PolicyDirection direction, final PolicyAction action, final int priority, final int tunnelId)
    {
        final SecurityPolicy policy;
        try
        {
            policy = SecurityPolicy.of(local, remote, direction, action, priority, tunnelId);
        }
        catch (final IllegalArgumentException ex)
        {
            failed(correlationId, "policy " + policyId + ": " + ex.getMessage());
            return;
        }
        broadcast(correlationId, worker ->
        {
            worker.policies().add(policyId, policy);
            if (direction == PolicyDirection.INBOUND)
            {
                worker.tunnels().inboundPolicy(tunnelId, policyId);
            }
            else
            {
                worker.tunnels().ensure(tunnelId);
            }
        });
    }

    @Override
    public void onDeletePolicy(final long correlationId, final int policyId)
    {
        broadcast(correlationId, worker ->
        {
            worker.policies().remove(policyId);
            worker.controlEvents().policyRemoved(policyId);
        });
    }

    @Override
    public void onFlush(final long correlationId, final FlushScope scope)
    {
        if (scope != FlushScope.POLICIES)
        {
            ownerOfSa.forEach((key, owner) -> shards.forgetSpi((int)(key >>> 32)));
            ownerOfSa.clear();
        }
        broadcast(correlationId, worker ->
        {
            if (scope != FlushScope.POLICIES)
            {
                for (int slot = 0; slot < worker.table().capacity(); slot++)
                {
                    if (worker.table().config(slot) != null)
                    {
                        worker.controlEvents().saRemoved(slot);
                        worker.tunnels().removeSlot(slot);
                        if (worker.shared() != null)
                        {
                            worker.shared().saRemoved(slot);
                        }
                        worker.table().remove(slot);
                    }
                }
            }
            if (scope != FlushScope.SAS)
            {
                worker.policies().clear();
                worker.controlEvents().policiesFlushed();
            }
        });
    }

    @Override
    public void onInvalidRequest(final long correlationId, final int msgTypeId, final String reason)
    {
        failed(correlationId, "invalid request (type " + msgTypeId + "): " + reason);
    }

    private void submitOrFail(final long correlationId, final int owner, final WorkerCommand command)
    {
        if (!workers.get(owner).submit(command))
        {
            failed(correlationId, "worker " + owner + " is busy; retry");
        }
    }

    /** Runs the command on every worker and answers once the last one has. */
    private void broadcast(final long correlationId, final WorkerCommand command)
    {
        final AtomicInteger remaining = new AtomicInteger(workers.size());
        for (final GatewayWorker target : workers)
        {
            final boolean sent = target.submit(worker ->
            {
                try
                {
                    command.apply(worker);
                }
                catch (final RuntimeException ex)
                {
                    failed(correlationId, "worker " + worker.id() + ": " + ex.getMessage());
                    remaining.set(Integer.MIN_VALUE);
                }
                if (remaining.decrementAndGet() == 0)
                {
                    completed(correlationId);
                }
            });
            if (!sent)
            {
                remaining.set(Integer.MIN_VALUE);
                failed(correlationId, "worker " + target.id() + " is busy; retry");
            }
        }
    }

    /*
     * Answers go out from the control thread and, for requests a worker carries out, from that worker's
     * thread; an EventsProxy's flyweights must not be used by two threads at once, so every answer takes
     * the proxy's lock. Answers are control-plane traffic, never per packet.
     */

    private boolean completed(final long correlationId)
    {
        synchronized (events)
        {
            return events.completed(correlationId);
        }
    }

    private boolean failed(final long correlationId, final String reason)
    {
        synchronized (events)
        {
            return events.failed(correlationId, reason);
        }
    }

    private boolean spiAllocated(final long correlationId, final IpsecProtocol protocol, final int spi)
    {
        synchronized (events)
        {
            return events.spiAllocated(correlationId, protocol, spi);
        }
    }
}
