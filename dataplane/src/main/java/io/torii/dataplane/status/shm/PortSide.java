package io.torii.dataplane.status.shm;

/**
 * Which of a worker's two ports a port counter belongs to, as {@link CounterKey} stores it and
 * readers show it.
 */
public enum PortSide
{
    /** The cleartext port. */
    LAN(1, "lan"),
    /** The protected port. */
    WAN(2, "wan");

    private static final PortSide[] SIDES = values();

    private final int code;
    private final String metricName;

    PortSide(final int code, final String metricName)
    {
        this.code = code;
        this.metricName = metricName;
    }

    /** @return the number a counter key holds; never 0, so that an unset field reads as no side. */
    public int code()
    {
        return code;
    }

    /** @return the side's name in tables and metrics: {@code lan} or {@code wan}. */
    public String metricName()
    {
        return metricName;
    }

    /**
     * @param code a number from a counter key.
     * @return the side it stands for, or null when it stands for none.
     */
    public static PortSide ofCode(final int code)
    {
        for (final PortSide side : SIDES)
        {
            if (side.code == code)
            {
                return side;
            }
        }
        return null;
    }
}
