package io.torii.ike.daemon;

import io.torii.ike.net.LocalAddressSource;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;
import org.agrona.concurrent.NanoClock;

/**
 * Watches the host's addresses from the IKE agent's duty cycle: once a period it asks the address source
 * what the interfaces hold and, only when that differs from what it saw last, tells its listener, which
 * then checks each IKE SA's local end ({@link AddressFollower}). Between polls a call costs one clock read.
 * The first poll only learns the addresses. An unreadable answer (empty) is no change, and a change the
 * listener could not hand on is reported again: the next poll tries again.
 *
 * <p>Only changes of the address set are noticed; a route that starts using another source address while
 * every address stays is seen at the next address change.
 */
public final class AddressMonitor
{
    /** How often strongSwan's kernel-netlink would have told charon at the latest: once a second. */
    public static final long DEFAULT_PERIOD_NANOS = 1_000_000_000L;

    /** Told when the host's addresses changed. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param addresses what the host holds now.
         * @param now the time of the poll.
         * @return false when the change could not be handed on (a handler's command queue was full): the
         *         next poll reports it again.
         */
        boolean onAddressesChanged(Set<InetAddress> addresses, long now);
    }

    private final LocalAddressSource source;
    private final NanoClock clock;
    private final long periodNanos;
    private final Listener listener;
    private Set<InetAddress> known;
    private long nextPoll;
    private long changes;

    /**
     * @param source where the addresses come from.
     * @param clock the time.
     * @param periodNanos how long between polls.
     * @param listener told of each change, on the thread that calls {@link #doWork()}.
     */
    public AddressMonitor(final LocalAddressSource source, final NanoClock clock, final long periodNanos,
        final Listener listener)
    {
        if (periodNanos <= 0)
        {
            throw new IllegalArgumentException("poll period " + periodNanos + " ns; expected more than 0");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.periodNanos = periodNanos;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Polls when a period has passed since the last poll.
     *
     * @return 1 when the addresses changed and the listener was told, otherwise 0: the agent's work count.
     */
    public int doWork()
    {
        final long now = clock.nanoTime();
        if (known != null && now - nextPoll < 0)
        {
            return 0;
        }
        nextPoll = now + periodNanos;
        final Set<InetAddress> current = source.addresses();
        if (current.isEmpty() || current.equals(known))
        {
            return 0;
        }
        final Set<InetAddress> seen = Set.copyOf(current);
        if (known == null)
        {
            known = seen;
            return 0;
        }
        if (listener.onAddressesChanged(seen, now))
        {
            known = seen;
            changes++;
        }
        return 1;
    }

    /** @return how many changes the listener was told of. */
    public long changes()
    {
        return changes;
    }
}
