package io.torii.dataplane.handoff;

/**
 * Which limit of an SA's lifetime was reached. The ordinal is the wire code: append only.
 */
public enum LifetimeLimit
{
    /** Seconds since the SA was installed. */
    TIME,
    /** Bytes protected. */
    BYTES,
    /** Packets protected. */
    PACKETS,
    /** The outbound sequence number passed its soft limit (only reported as soft). */
    SEQUENCE;

    private static final LifetimeLimit[] VALUES = values();

    /**
     * @param code a wire code.
     * @return the limit, or null when the code is unknown.
     */
    public static LifetimeLimit fromCode(final int code)
    {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
