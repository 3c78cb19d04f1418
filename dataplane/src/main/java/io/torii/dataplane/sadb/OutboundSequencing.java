package io.torii.dataplane.sadb;

/**
 * Hands out outbound sequence numbers from an SA's runtime. They never wrap (RFC 4303 §3.3.3):
 * past the soft limit the control plane is told to rekey, at the hard limit (2^32-1, or 2^64-1
 * with ESN) the SA stops sending.
 */
public final class OutboundSequencing
{
    /** Returned instead of a sequence number when the SA may send no more. */
    public static final long EXHAUSTED = 0;

    private OutboundSequencing()
    {
    }

    /**
     * @param runtime the SA's runtime, holding the last sequence number sent.
     * @param saSlot the SA's slot, for events.
     * @param events told once when the soft limit is passed and once when the hard limit stops sending.
     * @return the next sequence number, now recorded as sent, or {@link #EXHAUSTED}.
     */
    public static long next(final SaRuntimeFlyweight runtime, final int saSlot, final SaEventListener events)
    {
        final long last = runtime.sequence();
        if (Long.compareUnsigned(last, runtime.hardLimit()) >= 0)
        {
            if (!runtime.has(SaRuntimeFlyweight.FLAG_EXHAUSTED_RAISED))
            {
                runtime.flags(runtime.flags() | SaRuntimeFlyweight.FLAG_EXHAUSTED_RAISED);
                events.onSequenceExhausted(saSlot, runtime.spi());
            }
            return EXHAUSTED;
        }
        final long next = last + 1;
        runtime.sequence(next);
        if (Long.compareUnsigned(next, runtime.softLimit()) >= 0 && !runtime.has(SaRuntimeFlyweight.FLAG_REKEY_RAISED))
        {
            runtime.flags(runtime.flags() | SaRuntimeFlyweight.FLAG_REKEY_RAISED);
            events.onSequenceSoftLimit(saSlot, runtime.spi());
        }
        return next;
    }
}
