package io.torii.dataplane.worker;

import org.agrona.collections.Int2IntHashMap;

/**
 * Which worker owns which tunnel and which inbound SPI. Workers read it on every burst without
 * locks; the control plane's rare changes copy the SPI map and publish the copy (copy on write).
 */
public final class ShardMap
{
    /** Returned for an SPI no worker owns. */
    public static final int NONE = -1;

    private final int workers;
    private volatile Int2IntHashMap spiOwner = new Int2IntHashMap(NONE);
    private boolean sealed;

    /**
     * @param workers how many workers share the tunnels.
     */
    public ShardMap(final int workers)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("at least one worker");
        }
        this.workers = workers;
    }

    /** @return the worker that owns a tunnel: tunnels are dealt out in turn. */
    public int ownerOfTunnel(final int tunnel)
    {
        return tunnel % workers;
    }

    /**
     * Records that an inbound SA belongs to a tunnel's owner.
     *
     * @param spi the inbound SA's SPI.
     * @param tunnel its tunnel.
     */
    public synchronized void inboundSpi(final int spi, final int tunnel)
    {
        if (!sealed)
        {
            spiOwner.put(spi, ownerOfTunnel(tunnel));
            return;
        }
        final Int2IntHashMap copy = new Int2IntHashMap(NONE);
        copy.putAll(spiOwner);
        copy.put(spi, ownerOfTunnel(tunnel));
        spiOwner = copy;
    }

    /**
     * Forgets an inbound SPI whose SA was deleted.
     *
     * @param spi the SPI.
     */
    public synchronized void forgetSpi(final int spi)
    {
        if (!sealed)
        {
            spiOwner.remove(spi);
            return;
        }
        final Int2IntHashMap copy = new Int2IntHashMap(NONE);
        copy.putAll(spiOwner);
        copy.remove(spi);
        spiOwner = copy;
    }

    /**
     * Marks the end of building: from now on workers read the map, so changes copy it and publish
     * the copy instead of changing it in place (which also keeps building a large map linear).
     */
    public synchronized void seal()
    {
        sealed = true;
    }

    /** @return the worker that owns the inbound SA with this SPI, or {@link #NONE}. */
    public int ownerOfSpi(final int spi)
    {
        return spiOwner.get(spi);
    }

    /** @return how many workers there are. */
    public int workers()
    {
        return workers;
    }
}
