package io.torii.ike.shard;

/**
 * How many IKE handlers a daemon runs and how large their ring is.
 *
 * <p>The handler count comes from the system property {@value #HANDLERS_PROPERTY} (for example
 * {@code JAVA_OPTS=-Dtorii.ike.handlers=4}); without it, one handler per processor up to
 * {@value #DEFAULT_MAX_HANDLERS}. One handler keeps the daemon's original single-threaded IKE agent.
 *
 * @param handlers how many handler threads share the IKE SAs: 1 to {@link SpiShards#MAX_SHARDS}.
 * @param ringSize slots in the ring from the receive side to the handlers: a power of two.
 */
public record IkeHandlerSettings(int handlers, int ringSize)
{
    /** The system property that sets the handler count. */
    public static final String HANDLERS_PROPERTY = "torii.ike.handlers";
    /** The most handlers used when the property does not say. */
    public static final int DEFAULT_MAX_HANDLERS = 4;
    /** Slots in the ring unless told otherwise: room for bursts of IKE_SA_INIT requests. */
    public static final int DEFAULT_RING_SIZE = 4096;

    /**
     * @throws IllegalArgumentException when a value is out of range.
     */
    public IkeHandlerSettings
    {
        if (handlers < 1 || handlers > SpiShards.MAX_SHARDS)
        {
            throw new IllegalArgumentException(HANDLERS_PROPERTY + ": expected 1 to " + SpiShards.MAX_SHARDS +
                " IKE handlers, found " + handlers);
        }
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("IKE handler ring: expected a power of two, found " + ringSize);
        }
    }

    /**
     * @param handlers how many handlers.
     * @return that many handlers with the default ring.
     */
    public static IkeHandlerSettings of(final int handlers)
    {
        return new IkeHandlerSettings(handlers, DEFAULT_RING_SIZE);
    }

    /**
     * @return the handler count the system property asks for, else the default.
     * @throws IllegalArgumentException naming the property when its value is not a count in range.
     */
    public static IkeHandlerSettings configured()
    {
        final String value = System.getProperty(HANDLERS_PROPERTY);
        if (value == null || value.isBlank())
        {
            return of(Math.min(DEFAULT_MAX_HANDLERS, Runtime.getRuntime().availableProcessors()));
        }
        try
        {
            return of(Integer.parseInt(value.strip()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(HANDLERS_PROPERTY + ": expected a number of IKE handlers, found '" +
                value + "'", ex);
        }
    }
}
