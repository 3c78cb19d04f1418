package io.torii.ike.daemon;

import io.torii.ike.dataplane.ChildSaInstaller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trap policies of one manager ({@code start_action}, {@code dpd_action} or {@code close_action} =
 * trap): one per child at most, found by the policy id the dataplane's acquires name. A trap stays installed
 * while its Child SA exists, as strongSwan keeps it: the pair's own policies come first in the dataplane,
 * and the trap catches traffic again once the pair is gone. Each trap starts one negotiation at a time.
 */
final class TrapPolicies
{
    /** No negotiation under way for a trap. */
    static final long NOT_NEGOTIATING = 0;

    private final ChildSaInstaller installer;
    private final Map<Integer, Trap> byPolicy = new HashMap<>();

    /** One installed trap, and the IKE SA (by our SPI) that negotiates its child now. */
    static final class Trap
    {
        final String connection;
        final String child;
        final int policyId;
        long negotiatingSpi = NOT_NEGOTIATING;

        Trap(final String connection, final String child, final int policyId)
        {
            this.connection = connection;
            this.child = child;
            this.policyId = policyId;
        }
    }

    TrapPolicies(final ChildSaInstaller installer)
    {
        this.installer = installer;
    }

    /**
     * Installs the child's trap unless it has one.
     *
     * @param connection the connection.
     * @param child one of its children.
     * @param localSelectors our side's selectors, dynamic ones resolved, in swanctl.conf syntax.
     * @param remoteSelectors the peer's.
     * @return the trap, or empty when the installer refused it.
     */
    Optional<Trap> install(final String connection, final String child, final String localSelectors,
        final String remoteSelectors)
    {
        final Optional<Trap> existing = find(connection, child);
        if (existing.isPresent())
        {
            return existing;
        }
        final int policyId = installer.installTrap(localSelectors, remoteSelectors);
        if (policyId == ChildSaInstaller.NO_TRAP)
        {
            return Optional.empty();
        }
        final Trap trap = new Trap(connection, child, policyId);
        byPolicy.put(policyId, trap);
        return Optional.of(trap);
    }

    /**
     * @param policyId the policy an acquire names.
     * @return its trap, if it is one of ours.
     */
    Optional<Trap> byPolicy(final int policyId)
    {
        return Optional.ofNullable(byPolicy.get(policyId));
    }

    /**
     * @param connection a connection's name.
     * @param child one of its children.
     * @return that child's trap, if installed.
     */
    Optional<Trap> find(final String connection, final String child)
    {
        return byPolicy.values().stream().filter(t -> t.connection.equals(connection) && t.child.equals(child))
            .findFirst();
    }

    /** @return every trap, for the negotiations they wait on. */
    List<Trap> all()
    {
        return new ArrayList<>(byPolicy.values());
    }

    /**
     * Removes every trap of a connection, as when it is unloaded.
     *
     * @param connection the connection's name.
     * @return how many were removed.
     */
    int removeAll(final String connection)
    {
        int removed = 0;
        for (final Trap trap : all())
        {
            if (trap.connection.equals(connection))
            {
                byPolicy.remove(trap.policyId);
                installer.removeTrap(trap.policyId);
                removed++;
            }
        }
        return removed;
    }
}
