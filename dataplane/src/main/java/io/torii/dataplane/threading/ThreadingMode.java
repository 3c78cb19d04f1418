package io.torii.dataplane.threading;

import java.util.Locale;

/**
 * Whether the workers each get a thread or share one, as {@code threading = dedicated|shared} says.
 */
public enum ThreadingMode
{
    /**
     * Each worker runs on an {@link org.agrona.concurrent.AgentRunner} thread of its own, pinned to
     * its configured CPU when {@code cpus} names one: what an appliance with spare cores wants.
     */
    DEDICATED,

    /**
     * All workers are composed into one {@link org.agrona.concurrent.CompositeAgent} on a single
     * thread, which takes turns: for small machines and tests, where threads would only contend.
     */
    SHARED;

    /** @return the name the configuration uses, {@code dedicated} or {@code shared}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
