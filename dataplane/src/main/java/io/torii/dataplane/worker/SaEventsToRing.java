package io.torii.dataplane.worker;

import io.torii.dataplane.handoff.EventsProxy;
import io.torii.dataplane.handoff.LifetimeLimit;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaEventListener;

/**
 * Passes the packet engine's SA events to the control plane over the events ring: the soft
 * sequence limit as a soft lifetime ("rekey now"), the hard limit as sequence exhaustion.
 */
public final class SaEventsToRing implements SaEventListener
{
    private final EventsProxy events;

    /**
     * @param events the events ring's proxy; safe to share between workers.
     */
    public SaEventsToRing(final EventsProxy events)
    {
        this.events = events;
    }

    @Override
    public void onSequenceSoftLimit(final int saSlot, final int spi)
    {
        events.softLifetime(spi, IpsecProtocol.ESP, Direction.OUTBOUND, LifetimeLimit.SEQUENCE);
    }

    @Override
    public void onSequenceExhausted(final int saSlot, final int spi)
    {
        events.sequenceExhausted(spi, IpsecProtocol.ESP);
    }
}
