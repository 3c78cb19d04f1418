package io.torii.ike.daemon;

import io.torii.ike.net.LocalAddressSource;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;
import org.agrona.concurrent.NanoClock;

/**
 * Watches the host's addresses from the IKE agent's duty cycle: once a poll period it asks the address
 * source what the interfaces hold and, when that differs from what it saw last, tells its listener, which
 * then checks each IKE SA's local end ({@link AddressFollower}). A route that starts leaving from another
 * of our addresses changes no address, so every route check period the listener is also called with the
 * unchanged addresses, to look at the routes again. Between polls a call costs one clock read.
 *
 * <p>The first poll only learns the addresses. An unreadable answer (empty) is no change, and a change the
 * listener could not hand on is reported again: the next poll tries again.
 */
public final class AddressMonitor
{
    /** How often the addresses are read: once a second. */
    public static final long DEFAULT_POLL_NANOS = 1_000_000_000L;
    /** How often the routes are looked at again when no address changed. */
    public static final long DEFAULT_ROUTE_CHECK_NANOS = 10_000_000_000L;

    /** Told what the host's addresses are, when they changed or a route check is due. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param addresses what the host holds now.
         * @param changed true when they differ from the last ones handed on; false for a route check.
         * @param now the time of the poll.
         * @return false when it could not be handed on (a handler's command queue was full): the next poll
         *         reports it again.
         */
        boolean onAddresses(Set<InetAddress> addresses, boolean changed, long now);
    }

    private final LocalAddressSource source;
    private final NanoClock clock;
    private final long pollNanos;
    private final long routeCheckNanos;
    private final Listener listener;
    private Set<InetAddress> known;
    private long nextPoll;
    private long nextRouteCheck;
    private long changes;

    /**
     * @param source where the addresses come from.
     * @param clock the time.
     * @param pollNanos how long between reads of the addresses.
     * @param routeCheckNanos how long without a change before the listener looks at the routes again.
     * @param listener told on the thread that calls {@link #doWork()}.
     */
    public AddressMonitor(final LocalAddressSource source, final NanoClock clock, final long pollNanos,
        final long routeCheckNanos, final Listener listener)
    {
        if (pollNanos <= 0 || routeCheckNanos < pollNanos)
        {
            throw new IllegalArgumentException("poll every " + pollNanos + " ns, route check every " +
                routeCheckNanos + " ns; expected a positive poll period and a route check period no shorter");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollNanos = pollNanos;
        this.routeCheckNanos = routeCheckNanos;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param source where the addresses come from.
     * @param clock the time.
     * @param listener told on the thread that calls {@link #doWork()}.
     * @return a monitor with the default periods.
     */
    public static AddressMonitor withDefaults(final LocalAddressSource source, final NanoClock clock,
        final Listener listener)
    {
        return new AddressMonitor(source, clock, DEFAULT_POLL_NANOS, DEFAULT_ROUTE_CHECK_NANOS, listener);
    }

    /**
     * Polls when a poll period has passed since the last poll.
     *
     * @return 1 when the listener was told, otherwise 0: the agent's work count.
     */
    public int doWork()
    {
        final long now = clock.nanoTime();
        if (known != null && now - nextPoll < 0)
        {
            return 0;
        }
        nextPoll = now + pollNanos;
        final Set<InetAddress> current = source.addresses();
        if (current.isEmpty())
        {
            return 0;
        }
        if (known == null)
        {
            known = Set.copyOf(current);
            nextRouteCheck = now + routeCheckNanos;
            return 0;
        }
        final boolean changed = !current.equals(known);
        if (!changed && now - nextRouteCheck < 0)
        {
            return 0;
        }
        final Set<InetAddress> seen = changed ? Set.copyOf(current) : known;
        if (listener.onAddresses(seen, changed, now))
        {
            known = seen;
            nextRouteCheck = now + routeCheckNanos;
            changes += changed ? 1 : 0;
        }
        return 1;
    }

    /** @return how many address changes the listener took. */
    public long changes()
    {
        return changes;
    }
}
