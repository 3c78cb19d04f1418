package io.torii.dataplane.config;

/**
 * How often the dataplane volunteers events to the control plane: {@code sa_statistics_interval} and
 * {@code acquire_interval} in the daemon's {@code dataplane} section.
 *
 * @param saStatisticsNanos nanoseconds between two statistics reports of one SA; 0 reports only when an SA is
 *        removed (its final counts).
 * @param acquireNanos the least time between two acquires raised for one trap policy, in nanoseconds.
 */
public record EventIntervals(long saStatisticsNanos, long acquireNanos)
{
    /** Statistics on removal only; one acquire per policy per second, as strongSwan's kernel interfaces wait. */
    public static final EventIntervals DEFAULTS = new EventIntervals(0, 1_000_000_000L);

    /**
     * Checks that neither interval is negative.
     */
    public EventIntervals
    {
        if (saStatisticsNanos < 0 || acquireNanos < 0)
        {
            throw new IllegalArgumentException("event intervals must be 0 or more, got statistics " +
                saStatisticsNanos + " ns, acquire " + acquireNanos + " ns");
        }
    }
}
