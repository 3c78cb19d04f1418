package io.torii.ike.shard;

import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.net.IkeTransport;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.agrona.concurrent.Agent;

/**
 * The I/O side of a daemon whose IKE SAs are spread over handlers: it polls every transport and publishes
 * each message into the handlers' ring, sends what the handlers queued, and reads the dataplane's events.
 * It touches no IKE SA, so it never waits for a key exchange or a signature.
 */
public final class ShardedIkeAgent implements Agent
{
    private static final int MESSAGES_PER_CYCLE = 64;
    private static final int SENDS_PER_CYCLE = 256;
    private static final int EVENTS_PER_CYCLE = 64;

    private final IkeTransport transports;
    private final IkeDispatcher dispatcher;
    private final OutboundDatagrams outbound;
    private final EventsAdapter events;
    private final Consumer<IkeDatagram> onDatagram;
    private final Consumer<IkeDatagram> send;
    private final IntSupplier duties;

    /**
     * @param transports where messages come in and go out; this agent closes them.
     * @param dispatcher the handlers; this agent closes them before the transports.
     * @param outbound what the handlers send.
     * @param sender sends one message through the transports, reporting a failure as it likes.
     * @param events the dataplane's events ring reader; null when there is none.
     */
    public ShardedIkeAgent(final IkeTransport transports, final IkeDispatcher dispatcher,
        final OutboundDatagrams outbound, final Consumer<IkeDatagram> sender, final EventsAdapter events)
    {
        this(transports, dispatcher, outbound, sender, events, () -> 0);
    }

    /**
     * @param transports where messages come in and go out; this agent closes them.
     * @param dispatcher the handlers; this agent closes them before the transports.
     * @param outbound what the handlers send.
     * @param sender sends one message through the transports, reporting a failure as it likes.
     * @param events the dataplane's events ring reader; null when there is none.
     * @param duties further work on this thread each cycle (the address monitor), returning the work done;
     *        what touches IKE SAs it hands to the handlers.
     */
    public ShardedIkeAgent(final IkeTransport transports, final IkeDispatcher dispatcher,
        final OutboundDatagrams outbound, final Consumer<IkeDatagram> sender, final EventsAdapter events,
        final IntSupplier duties)
    {
        this.duties = Objects.requireNonNull(duties, "duties");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.events = events;
        this.onDatagram = dispatcher::publish;
        this.send = Objects.requireNonNull(sender, "sender");
    }

    /** The handlers' answers wake this thread from its idle strategy's park. */
    @Override
    public void onStart()
    {
        outbound.drainOn(Thread.currentThread());
    }

    @Override
    public int doWork()
    {
        int work = transports.poll(onDatagram, MESSAGES_PER_CYCLE);
        work += outbound.drain(send, SENDS_PER_CYCLE);
        if (events != null)
        {
            work += events.poll(EVENTS_PER_CYCLE);
        }
        work += duties.getAsInt();
        return work;
    }

    @Override
    public void onClose()
    {
        dispatcher.close();
        transports.close();
    }

    @Override
    public String roleName()
    {
        return "torii-ike-io";
    }
}
