package io.torii.ike.daemon;

import io.torii.dataplane.handoff.EventsAdapter;
import io.torii.ike.net.IkeDatagram;
import io.torii.ike.net.IkeTransport;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongToIntFunction;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The IKE daemon's duty cycle: messages in from every transport to the SA manager, timers (retransmission,
 * half-open expiry) every few tens of milliseconds, and the dataplane's answers and events off the events
 * ring. Connections with {@code start_action = start} are initiated when the agent starts.
 */
public final class IkeAgent implements Agent
{
    private static final int MESSAGES_PER_CYCLE = 64;
    private static final int EVENTS_PER_CYCLE = 64;
    private static final long TIMER_PERIOD_NANOS = 20_000_000L;

    private final IkeTransport transports;
    private final IkeSaManager manager;
    private final EventsAdapter events;
    private final NanoClock clock;
    private final Consumer<IkeDatagram> onDatagram;
    private final LongToIntFunction duties;
    private long now;
    private long lastTimer;

    /**
     * @param transports where messages come in.
     * @param manager the IKE SAs.
     * @param events the dataplane's events ring reader; null when there is none.
     * @param clock the time.
     * @param duties further work on this thread each cycle, given the time: the control socket's
     *        requests, which must run where the IKE SAs live; returns the work done.
     */
    public IkeAgent(final IkeTransport transports, final IkeSaManager manager, final EventsAdapter events,
        final NanoClock clock, final LongToIntFunction duties)
    {
        this.duties = Objects.requireNonNull(duties, "duties");
        this.transports = Objects.requireNonNull(transports, "transports");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.events = events;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onDatagram = datagram -> manager.onDatagram(datagram, now);
    }

    @Override
    public void onStart()
    {
        now = clock.nanoTime();
        lastTimer = now;
        manager.initiateOnLoad(now);
    }

    @Override
    public int doWork()
    {
        now = clock.nanoTime();
        int work = transports.poll(onDatagram, MESSAGES_PER_CYCLE);
        if (now - lastTimer >= TIMER_PERIOD_NANOS)
        {
            lastTimer = now;
            work += manager.onTimer(now);
        }
        if (events != null)
        {
            work += events.poll(EVENTS_PER_CYCLE);
        }
        work += duties.applyAsInt(now);
        return work;
    }

    @Override
    public void onClose()
    {
        manager.close();
        transports.close();
    }

    @Override
    public String roleName()
    {
        return "torii-ike";
    }
}
