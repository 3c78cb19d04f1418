package io.torii.dataplane.worker;

import io.torii.dataplane.config.EventIntervals;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.esp.EspDecapsulator;
import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.IkeDatagramAdapter;
import io.torii.dataplane.handoff.IkeDatagramProxy;
import io.torii.dataplane.mtu.Ipv4Fragmenter;
import io.torii.dataplane.mtu.MssClamp;
import io.torii.dataplane.mtu.PacketTooBig;
import io.torii.dataplane.mtu.Reassembler;
import io.torii.dataplane.packet.AhHeaderFlyweight;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import io.torii.dataplane.status.shm.WorkerCounters;
import io.torii.dataplane.threading.Wakeup;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * One worker: moves bursts from the cleartext port through the policy lookup and ESP or AH
 * encapsulation to the protected port, and from the protected port through decapsulation and the
 * inbound policy check to the cleartext port.
 * <pre>
 *   lan.receive -> SPD lookup -> ESP encapsulate (per SA, one crypto call per run)
 *                             -> AH encapsulate (AH SAs' packets, when the worker has any) -> wan.transmit
 *   wan.receive -> reassembly of fragments -> AH packets set aside -> ESP decapsulate (SPI lookup, replay, ICV)
 *               -> AH verify and strip (SPI lookup, replay, ICV) -> inbound policy check -> lan.transmit
 * </pre>
 * The worker owns its SA table, policies and batches: nothing here is shared with another thread,
 * so sequence numbers and replay windows need no locks. Every packet ends with a named
 * {@link Disposition}, counted per SA where it has one.
 */
public final class GatewayWorker implements Agent
{
    private static final int COMMANDS_PER_CYCLE = 16;
    private static final int REASSEMBLY_CONTEXTS = 64;
    private static final int IKE_BURST = 8;
    private static final int REASSEMBLED_MAX_PACKET = 65535;
    /** RFC 8200 §4.5 and Linux's default: datagrams not complete within 30 s are given up. */
    private static final long REASSEMBLY_TIMEOUT_NANOS = 30_000_000_000L;

    private final String roleName;
    private final Wakeup runner = new Wakeup();
    private final PacketPort lan;
    private final PacketPort wan;
    private final SaTable table;
    private final PolicyTable policies;
    private final TunnelTable tunnels;
    private final DispositionCounters counters;
    private final OutboundByProtocol encapsulator;
    private final EspDecapsulator decapsulator;
    private final InboundAh ahInbound;
    private final PacketBatch outbound;
    private final PacketBatch inbound;
    private final int[] saSlots;
    private final int[] inboundSlots;
    private final int[] policyIds;
    private final int[] policyTunnels;
    private final PolicyAction[] policyActions;
    private int warmSink;
    private final WorkerCounters shared;
    private final int id;
    private final ShardMap shards;
    private final PacketHandoff[] handoffs;
    private final IpPacketParser peek = new IpPacketParser();
    private final MssClamp mssClamp = new MssClamp();
    private final Ipv4Fragmenter fragmenter = new Ipv4Fragmenter();
    private final PacketTooBig packetTooBig;
    private final PacketBatch fragments;
    private final int[] fragmentSlots;
    private final PacketBatch replies;
    private final PacketBatch reassembled;
    private final Reassembler reassembler;
    private NanoClock clock = SystemNanoClock.INSTANCE;
    private IkePunt ikePunt;
    private IkeInject ikeInject;
    private PacketBatch ikeOutbound;
    private final ManyToOneConcurrentArrayQueue<WorkerCommand> commands = new ManyToOneConcurrentArrayQueue<>(1024);
    private final Consumer<WorkerCommand> commandRunner = this::run;
    private CryptoEngine engine;
    private final ControlPlaneEvents controlEvents;

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
        this(id, lan, wan, table, policies, tunnels, events, batchSize, shared, new ShardMap(1),
            new PacketHandoff[] {null}, null);
    }

    /**
     * One of several workers: packets of tunnels and SAs another worker owns go to it through its
     * handoff queue, and packets handed to this worker are taken from {@code handoffs[id]}.
     *
     * @param shards who owns which tunnel and inbound SPI.
     * @param handoffs every worker's handoff queue, by worker id.
     * @param lanAddress the gateway's address on the cleartext side, the source of ICMP "packet too
     *        big" replies; null to send none.
     */
    public GatewayWorker(final int id, final PacketPort lan, final PacketPort wan, final SaTable table,
        final PolicyTable policies, final TunnelTable tunnels, final SaEventListener events, final int batchSize,
        final WorkerCounters shared, final ShardMap shards, final PacketHandoff[] handoffs,
        final InetAddress lanAddress)
    {
        if (handoffs.length != shards.workers() || id < 0 || id >= shards.workers())
        {
            throw new IllegalArgumentException("worker " + id + " of " + shards.workers() + " with " +
                handoffs.length + " handoff queues");
        }
        this.id = id;
        this.shards = shards;
        final boolean ipv4Lan = lanAddress instanceof Inet4Address;
        this.packetTooBig = new PacketTooBig(ipv4Lan ? ByteBuffer.wrap(lanAddress.getAddress()).getInt() : 0, ipv4Lan,
            lanAddress instanceof Inet6Address ? lanAddress.getAddress() : null);
        this.fragments = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.fragmentSlots = new int[batchSize];
        this.replies = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.reassembled = new PacketBatch(batchSize, REASSEMBLED_MAX_PACKET);
        this.reassembler = new Reassembler(REASSEMBLY_CONTEXTS, REASSEMBLED_MAX_PACKET, REASSEMBLY_TIMEOUT_NANOS);
        this.handoffs = handoffs;
        this.shared = shared;
        this.inboundSlots = new int[batchSize];
        this.roleName = "torii-worker-" + id;
        this.lan = lan;
        this.wan = wan;
        this.table = table;
        this.policies = policies;
        this.tunnels = tunnels;
        this.counters = table.counters();
        this.encapsulator = new OutboundByProtocol(table, events, batchSize);
        this.decapsulator = new EspDecapsulator(table);
        this.ahInbound = new InboundAh(table, batchSize);
        this.outbound = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.inbound = new PacketBatch(batchSize, PacketBatch.DEFAULT_MAX_PACKET);
        this.saSlots = new int[batchSize];
        this.policyIds = new int[batchSize];
        this.policyTunnels = new int[batchSize];
        this.policyActions = new PolicyAction[batchSize];
        this.controlEvents = new ControlPlaneEvents(table, shared);
    }

    @Override
    public int doWork()
    {
        int work = commands.drain(commandRunner, COMMANDS_PER_CYCLE);
        outbound.clear();
        inbound.clear();
        if (handoffs[id] != null)
        {
            work += handoffs[id].drainTo(outbound, inbound);
        }
        lan.receive(outbound);
        if (outbound.size() > 0)
        {
            work += outbound.size();
            protect();
            controlEvents.account(outbound, saSlots);
            wan.transmit(outbound);
            if (fragments.size() > 0)
            {
                encapsulator.process(fragments, fragmentSlots);
                controlEvents.account(fragments, fragmentSlots);
                wan.transmit(fragments);
                fragments.clear();
            }
            if (replies.size() > 0)
            {
                lan.transmit(replies);
                replies.clear();
            }
        }
        wan.receive(inbound);
        if (inbound.size() > 0)
        {
            work += inbound.size();
            reassemble();
            unprotectAndDeliver(inbound);
        }
        if (reassembled.size() > 0)
        {
            unprotectAndDeliver(reassembled);
            reassembled.clear();
        }
        if (ikeInject != null)
        {
            work += sendIke();
        }
        final long now = clock.nanoTime();
        work += reassembler.expire(now);
        work += controlEvents.poll(now);
        if (shared != null)
        {
            work += shared.publish();
        }
        return work;
    }

    private void protect()
    {
        final int size = outbound.size();
        int sink = 0;
        if (policies.outboundWorthWarming())
        {
            for (int i = 0; i < size; i++)
            {
                sink += policies.warmOutbound(outbound.buffer(i), outbound.offset(i), outbound.length(i));
            }
            warmSink = sink;
        }
        for (int i = 0; i < size; i++)
        {
            policyIds[i] = policies.lookupOutbound(outbound.buffer(i), outbound.offset(i), outbound.length(i));
            policyActions[i] = policies.lastAction();
            policyTunnels[i] = policies.lastTunnelId();
        }
        for (int i = 0; i < size; i++)
        {
            // With many tunnels each one's slot is a cache miss: load them all before acting on any.
            sink += policyActions[i] == PolicyAction.PROTECT ? tunnels.outboundSlot(policyTunnels[i]) : 0;
        }
        warmSink = sink;
        for (int i = 0; i < size; i++)
        {
            saSlots[i] = SaTable.NONE;
            final int policy = policyIds[i];
            if (policy == PolicyTable.NONE)
            {
                drop(outbound, i, Disposition.NO_POLICY);
                continue;
            }
            switch (policyActions[i])
            {
                case PROTECT ->
                {
                    final int tunnel = policyTunnels[i];
                    final int owner = shards.ownerOfTunnel(tunnel);
                    if (owner != id)
                    {
                        handOff(outbound, i, owner, PacketHandoff.TO_PROTECT);
                    }
                    else if (tunnels.outboundSlot(tunnel) == SaTable.NONE)
                    {
                        // A trap policy: never send in clear what a policy says to protect; ask for an SA.
                        controlEvents.acquire(policy, outbound, i, clock.nanoTime());
                        drop(outbound, i, Disposition.ACQUIRE);
                    }
                    else
                    {
                        saSlots[i] = fitTunnel(i, tunnel) ? tunnels.outboundSlot(tunnel) : SaTable.NONE;
                    }
                }
                case BYPASS ->
                {
                    // Leaves as it came, in clear.
                }
                case DISCARD -> drop(outbound, i, Disposition.POLICY_DISCARD);
            }
        }
        encapsulator.process(outbound, saSlots);
    }

    /**
     * Takes fragments of protected packets out of the burst and into the reassembler (RFC 4303
     * §3.4.1: ESP works on whole packets); whole packets it completes go to {@code reassembled}.
     */
    private void reassemble()
    {
        final long now = clock.nanoTime();
        for (int i = 0, size = inbound.size(); i < size; i++)
        {
            if (inbound.disposition(i) == Disposition.OK &&
                peek.parse(inbound.buffer(i), inbound.offset(i), inbound.length(i)) == Disposition.OK &&
                peek.isFragment())
            {
                final int status = reassembler.offer(inbound.buffer(i), inbound.offset(i), inbound.length(i), now,
                    reassembled);
                drop(inbound, i, status >= 0 || status == Reassembler.HELD || status == Reassembler.DUPLICATE ?
                    Disposition.REASSEMBLY : Disposition.FRAGMENT);
            }
        }
    }

    private void unprotectAndDeliver(final PacketBatch batch)
    {
        unprotect(batch);
        controlEvents.account(batch, inboundSlots);
        lan.transmit(batch);
    }

    private void unprotect(final PacketBatch inbound)
    {
        if (ikePunt != null)
        {
            punt(inbound);
        }
        if (shards.workers() > 1)
        {
            steerBySpi(inbound);
        }
        final int ah = ahInbound.setAside(inbound);
        decapsulator.process(inbound);
        final int size = inbound.size();
        for (int i = 0; i < size; i++)
        {
            inboundSlots[i] = decapsulator.saSlotOf(i);
        }
        if (ah > 0)
        {
            ahInbound.process(inbound, inboundSlots);
        }
        long sink = 0;
        int previousSlot = SaTable.NONE;
        for (int i = 0; i < size; i++)
        {
            // With many tunnels each inbound policy is a cache miss: load them all before checking any,
            // each once per run of its SA.
            final int slot = inboundSlots[i];
            if (slot != previousSlot && inbound.disposition(i) == Disposition.OK)
            {
                previousSlot = slot;
                final int tunnel = tunnels.tunnelOf(slot);
                sink += tunnel < 0 ? 0 : policies.warmPolicy(tunnels.inboundPolicyOf(tunnel));
            }
        }
        warmSink = (int)sink;
        for (int i = 0; i < size; i++)
        {
            if (inbound.disposition(i) != Disposition.OK)
            {
                continue;
            }
            final int tunnel = tunnels.tunnelOf(inboundSlots[i]);
            if (tunnel < 0 || !policies.allowsInbound(tunnels.inboundPolicyOf(tunnel), inbound.buffer(i),
                inbound.offset(i), inbound.length(i)))
            {
                inbound.disposition(i, Disposition.POLICY_MISMATCH);
                counters.increment(inboundSlots[i], Disposition.POLICY_MISMATCH);
                continue;
            }
            // The far side's SYN-ACKs too, so both ends settle on segments the tunnel carries whole.
            mssClamp.clampToMtu(inbound.buffer(i), inbound.offset(i), inbound.length(i), tunnels.innerMtu(tunnel));
        }
    }

    /**
     * Makes a packet fit its tunnel's MTU: clamps the MSS of TCP SYNs, fragments an IPv4 packet with
     * DF clear before encryption (RFC 4459 §3), and answers any other oversized packet with ICMP
     * "packet too big" (RFC 1191, RFC 4443) when the LAN side has an address to send it from.
     *
     * @return true when the packet itself goes on to be encrypted.
     */
    private boolean fitTunnel(final int index, final int tunnel)
    {
        final int mtu = tunnels.innerMtu(tunnel);
        final int length = outbound.length(index);
        if (length <= mtu)
        {
            mssClamp.clampToMtu(outbound.buffer(index), outbound.offset(index), length, mtu);
            return true;
        }
        final int first = fragments.size();
        final int made = fragmenter.fragment(outbound.buffer(index), outbound.offset(index), length, mtu, fragments);
        if (made > 0)
        {
            for (int f = first; f < fragments.size(); f++)
            {
                fragmentSlots[f] = tunnels.outboundSlot(tunnel);
            }
            drop(outbound, index, Disposition.FRAGMENTED);
            return false;
        }
        packetTooBig.build(outbound, index, mtu, replies);
        drop(outbound, index, Disposition.OVER_TUNNEL_MTU);
        return false;
    }

    /** Sends IKE behind the non-ESP marker up to the control plane, before the ESP engine sees the burst. */
    private void punt(final PacketBatch inbound)
    {
        for (int i = 0, size = inbound.size(); i < size; i++)
        {
            if (inbound.disposition(i) == Disposition.OK &&
                IkePunt.mayBeIke(inbound.buffer(i), inbound.offset(i), inbound.length(i)))
            {
                final Disposition disposition = ikePunt.offer(inbound.buffer(i), inbound.offset(i), inbound.length(i));
                if (disposition != Disposition.NOT_IPSEC)
                {
                    drop(inbound, i, disposition);
                }
            }
        }
    }

    private int sendIke()
    {
        final int read = ikeInject.drainTo(ikeOutbound);
        if (ikeOutbound.size() > 0)
        {
            wan.transmit(ikeOutbound);
            ikeOutbound.clear();
        }
        return read;
    }

    /** Hands packets of SAs another worker owns to that worker, before anything else touches them. */
    private void steerBySpi(final PacketBatch inbound)
    {
        for (int i = 0, size = inbound.size(); i < size; i++)
        {
            final int spi = ipsecSpi(inbound, i);
            final int owner = spi == 0 ? ShardMap.NONE : shards.ownerOfSpi(spi);
            if (owner != ShardMap.NONE && owner != id)
            {
                handOff(inbound, i, owner, PacketHandoff.TO_UNPROTECT);
            }
        }
    }

    /** @return the SPI of an ESP, ESP-in-UDP or AH packet, or 0 when it is none of them or too short. */
    private int ipsecSpi(final PacketBatch batch, final int index)
    {
        if (peek.parse(batch.buffer(index), batch.offset(index), batch.length(index)) != Disposition.OK)
        {
            return 0;
        }
        int at = peek.headerEnd();
        if (peek.protocol() == IpProtocols.UDP)
        {
            at += UdpHeaderFlyweight.LENGTH;
        }
        else if (peek.protocol() == IpProtocols.AH)
        {
            at += AhHeaderFlyweight.SPI_OFFSET;
        }
        else if (peek.protocol() != IpProtocols.ESP)
        {
            return 0;
        }
        return at + 4 <= peek.packetEnd() ? batch.buffer(index).getInt(at, ByteOrder.BIG_ENDIAN) : 0;
    }

    private void handOff(final PacketBatch batch, final int index, final int owner, final int kind)
    {
        final Disposition disposition = handoffs[owner].offer(batch, index, kind) ?
            Disposition.HANDED_OFF : Disposition.HANDOFF_CONGESTION;
        drop(batch, index, disposition);
    }

    private void drop(final PacketBatch batch, final int index, final Disposition disposition)
    {
        batch.disposition(index, disposition);
        counters.increment(SaTable.NONE, disposition);
    }

    /**
     * Queues a change of this worker's tables, run on its own thread between bursts.
     *
     * @param command the change.
     * @return false when the queue is full; the caller retries or reports failure.
     */
    public boolean submit(final WorkerCommand command)
    {
        if (!commands.offer(command))
        {
            return false;
        }
        // A worker that idles parks between polls: the change should not wait out its back-off.
        runner.wake();
        return true;
    }

    /** Notes the thread that runs this worker, for {@link #submit} to wake. */
    @Override
    public void onStart()
    {
        runner.takenBy(Thread.currentThread());
    }

    private void run(final WorkerCommand command)
    {
        command.apply(this);
    }

    /**
     * Gives the worker the engine that prepares keys for SAs installed while it runs; the engine
     * keeps per-thread state, so it must be this worker's own.
     */
    public void engine(final CryptoEngine workerEngine)
    {
        this.engine = workerEngine;
    }

    /** @return the worker's crypto engine, for commands run on its thread. */
    CryptoEngine engine()
    {
        return engine;
    }

    /** @return the worker's SPD, for commands run on its thread. */
    PolicyTable policies()
    {
        return policies;
    }

    /** @return the worker's tunnels, for commands run on its thread. */
    TunnelTable tunnels()
    {
        return tunnels;
    }

    /** @return the worker's shared counters, or null; for commands run on its thread. */
    WorkerCounters shared()
    {
        return shared;
    }

    /**
     * Sends SA lifetime events, SA statistics and acquires on the events ring. Call before the worker runs;
     * without it lifetimes are still enforced, but nobody is told.
     *
     * @param events the worker's own writer of the events ring.
     * @param intervals how often statistics and acquires go.
     */
    public void controlEvents(final EventsProxy events, final EventIntervals intervals)
    {
        controlEvents.connect(events, intervals);
    }

    /** @return the worker's lifetime, statistics and acquire events, for commands run on its thread. */
    ControlPlaneEvents controlEvents()
    {
        return controlEvents;
    }

    /** @return the worker's clock, for commands run on its thread. */
    long nanoTime()
    {
        return clock.nanoTime();
    }

    /** Replaces the clock reassembly timeouts, SA lifetimes, statistics and acquires run on, for tests. */
    public void clock(final NanoClock nanoClock)
    {
        this.clock = nanoClock;
    }

    /**
     * Makes the worker the NAT-T port's link to the control plane, whose IKE shares that port's socket
     * (RFC 3948 §2.2): IKE it receives behind the non-ESP marker goes up, and IKE the control plane
     * queues goes out of its WAN port. Call before the worker runs; only for a UDP WAN port.
     *
     * @param toControl the writer of the IKE-in ring; null sends nothing up.
     * @param fromControl the reader of the IKE-out ring, for the one worker that sends; null for the others.
     */
    public void ike(final IkeDatagramProxy toControl, final IkeDatagramAdapter fromControl)
    {
        ikePunt = toControl == null ? null : new IkePunt(toControl);
        ikeInject = fromControl == null ? null : new IkeInject(fromControl);
        ikeOutbound = fromControl == null ? null : new PacketBatch(IKE_BURST, REASSEMBLED_MAX_PACKET);
    }

    /** @return the worker's id. */
    public int id()
    {
        return id;
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
