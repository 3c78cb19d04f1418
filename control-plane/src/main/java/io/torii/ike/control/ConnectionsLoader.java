package io.torii.ike.control;

import io.torii.ike.daemon.Connection;
import java.util.List;

/**
 * Reads the daemon's swanctl.conf again for {@code torii load-all}; runs on a control thread, never on
 * the IKE agent's.
 */
@FunctionalInterface
public interface ConnectionsLoader
{
    /**
     * What a load came to.
     *
     * @param connections the connections, or null when the file could not be used.
     * @param warnings the warnings to show, one line each.
     * @param error why the file could not be used, or null.
     */
    record Loaded(List<Connection> connections, List<String> warnings, String error)
    {
        /** Copies the lists. */
        public Loaded
        {
            connections = connections == null ? null : List.copyOf(connections);
            warnings = List.copyOf(warnings);
        }
    }

    /** @return the connections as the file says now; never throws. */
    Loaded load();
}
