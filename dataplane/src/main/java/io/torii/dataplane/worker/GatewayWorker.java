package io.torii.dataplane.worker;

import io.torii.dataplane.esp.EspDecapsulator;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.shm.WorkerCounters;
import org.agrona.concurrent.Agent;

/**
 * One worker: moves bursts from the cleartext port through the policy lookup and ESP encapsulation
 * to the protected port, and from the protected port through decapsulation and the inbound policy
 * check to the cleartext port.
 * <pre>
 *   lan.receive -> SPD lookup -> ESP encapsulate (per SA, one crypto call per run) -> wan.transmit
 *   wan.receive -> ESP decapsulate (SPI lookup, replay, ICV) -> inbound policy check -> lan.transmit
 * </pre>
 * The worker owns its SA table, policies and batches: nothing here is shared with another thread,
 * so sequence numbers and replay windows need no locks. Every packet ends with a named
 * {@link Disposition}, counted per SA where it has one.
 */
public final class GatewayWorker implements Agent
{
    private final String roleName;
    private final PacketPort lan;
    private final PacketPort wan;
    private final SaTable table;
    private final PolicyTable policies;
    private final TunnelTable tunnels;
    private final DispositionCounters counters;
    private final EspEncapsulator encapsulator;
    private final EspDecapsulator decapsulator;
    private final PacketBatch outbound;
    private final PacketBatch inbound;
    private final int[] saSlots;
    private final int[] inboundSlots;
    private final WorkerCounters shared;

    /**
     * @param id the worker's number, for its thread name.
     * @param lan the cleartext port.
     * @param wan the protected port.
     * @param table the SAs this worker owns.
     * @param policies the worker's SPD.
     * @param tunnels the tunnels tying policies to SAs.
     * @param events told when an SA needs rekeying.
     * @param batchSize packets per burst.
     */
    public GatewayWorker(final int id, final PacketPort lan, final PacketPort wan, final SaTable table,
        final PolicyTable policies, final TunnelTable tunnels, final SaEventListener events, final int batchSize)
    {
        this(id, lan, wan, table, policies, tunnels, events, batchSize, null);
    }

    /**
     * @param shared the worker's counters in the shared counters file, published once per duty cycle;
     *        null to keep counts in the table only.
     */
    public GatewayWorker(final int id, final PacketPort lan, final PacketPort wan, final SaTable table,
        final PolicyTable policies, final TunnelTable tunnels, final SaEventListener events, final int batchSize,
        final WorkerCounters shared)
    {
        this.shared = shared;
        this.inboundSlots = new int[batchSize];
        this.roleName = "torii-worker-" + id;
        this.lan = lan;
        this.wan = wan;
        this.table = table;
        this.policies = policies;
        this.tunnels = tunnels;
        this.counters = table.counters();
        this.encapsulator = new EspEncapsulator(table, events);
        this.decapsulator = new EspDecapsulator(table);
        this.outbound = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.inbound = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.saSlots = new int[batchSize];
    }

    @Override
    public int doWork()
    {
        int work = 0;
        outbound.clear();
        if (lan.receive(outbound) > 0)
        {
            work += outbound.size();
            protect();
            if (shared != null)
            {
                shared.addOkBytes(outbound, saSlots);
            }
            wan.transmit(outbound);
        }
        inbound.clear();
        if (wan.receive(inbound) > 0)
        {
            work += inbound.size();
            unprotect();
            if (shared != null)
            {
                shared.addOkBytes(inbound, inboundSlots);
            }
            lan.transmit(inbound);
        }
        if (shared != null)
        {
            work += shared.publish();
        }
        return work;
    }

    private void protect()
    {
        for (int i = 0, size = outbound.size(); i < size; i++)
        {
            saSlots[i] = SaTable.NONE;
            final int policy = policies.lookupOutbound(outbound.buffer(i), outbound.offset(i), outbound.length(i));
            if (policy == PolicyTable.NONE)
            {
                drop(outbound, i, Disposition.NO_POLICY);
                continue;
            }
            switch (policies.action(policy))
            {
                case PROTECT -> saSlots[i] = tunnels.outboundSlot(policies.tunnelId(policy));
                case BYPASS ->
                {
                    // Leaves as it came, in clear.
                }
                case DISCARD -> drop(outbound, i, Disposition.POLICY_DISCARD);
            }
        }
        encapsulator.process(outbound, saSlots);
    }

    private void unprotect()
    {
        decapsulator.process(inbound);
        for (int i = 0, size = inbound.size(); i < size; i++)
        {
            inboundSlots[i] = decapsulator.saSlotOf(i);
            if (inbound.disposition(i) != Disposition.OK)
            {
                continue;
            }
            final int tunnel = tunnels.tunnelOf(decapsulator.saSlotOf(i));
            if (tunnel < 0 || !policies.allowsInbound(TunnelTable.inboundPolicy(tunnel), inbound.buffer(i),
                inbound.offset(i), inbound.length(i)))
            {
                inbound.disposition(i, Disposition.POLICY_MISMATCH);
                counters.increment(decapsulator.saSlotOf(i), Disposition.POLICY_MISMATCH);
            }
        }
    }

    private void drop(final PacketBatch batch, final int index, final Disposition disposition)
    {
        batch.disposition(index, disposition);
        counters.increment(SaTable.NONE, disposition);
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    /** @return the SA table this worker owns. */
    public SaTable table()
    {
        return table;
    }
}
