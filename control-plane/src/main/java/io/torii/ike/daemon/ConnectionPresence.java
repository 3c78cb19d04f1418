package io.torii.ike.daemon;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which connections have a live IKE SA anywhere in the daemon, shared by every SA manager (one per IKE
 * handler): an initiator sends INITIAL_CONTACT only when its connection has no other IKE SA, whichever
 * handler holds it. Thread-safe; each manager counts only its own SAs in and out.
 */
public final class ConnectionPresence
{
    private final ConcurrentHashMap<String, Integer> live = new ConcurrentHashMap<>();

    /** @param connection a connection that has one more IKE SA. */
    void added(final String connection)
    {
        live.merge(connection, 1, Integer::sum);
    }

    /** @param connection a connection that has one IKE SA less. */
    void removed(final String connection)
    {
        live.computeIfPresent(connection, (name, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * @param connection a connection's name.
     * @return true when some manager holds an IKE SA of it.
     */
    boolean any(final String connection)
    {
        return live.containsKey(connection);
    }
}
