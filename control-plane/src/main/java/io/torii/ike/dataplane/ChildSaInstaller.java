package io.torii.ike.dataplane;

import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.ike.sa.ChildSa;
import java.net.InetSocketAddress;

/**
 * Where negotiated Child SAs go: the dataplane in production, a recorder in tests. The default methods
 * suit simple test doubles only: a decorator must forward every method, or rekeyed pairs lose their
 * make-before-break (a replacement would get a tunnel of its own and never be switched to).
 */
public interface ChildSaInstaller
{
    /**
     * @return an SPI for a new inbound ESP SA, 256 or more, unique among those installed and reserved
     *         until it is installed.
     */
    int allocateSpi();

    /**
     * Installs both SAs of a negotiated pair and the policies of its selectors.
     *
     * @param childSa the pair; its keys are copied, the caller destroys its own.
     * @return null when installed, otherwise why not.
     */
    String install(ChildSa childSa);

    /**
     * Installs a pair with byte and packet limits, after which the dataplane reports it expiring.
     *
     * @param childSa the pair.
     * @param lifetimes the limits of each of its SAs.
     * @return null when installed, otherwise why not.
     */
    default String install(final ChildSa childSa, final SaLifetimes lifetimes)
    {
        return install(childSa);
    }

    /**
     * Installs the pair that replaces an installed one after a rekey (RFC 7296 §2.8), make-before-break:
     * into the tunnel of the pair it replaces, its inbound SA first, so that the peer may use it at once,
     * then its outbound SA, which waits, fully installed, until {@link #switchOutbound}; the old pair stays
     * as it was until it is removed.
     *
     * @param replaced the installed pair.
     * @param replacement the new pair.
     * @param lifetimes the limits of each of the new pair's SAs.
     * @return null when installed, otherwise why not.
     */
    default String installReplacement(final ChildSa replaced, final ChildSa replacement,
        final SaLifetimes lifetimes)
    {
        return install(replacement, lifetimes);
    }

    /**
     * Makes a replacement's outbound SA the one its tunnel sends with, in one step.
     *
     * @param replacement a pair installed by {@link #installReplacement}.
     * @return null when done, otherwise why not.
     */
    default String switchOutbound(final ChildSa replacement)
    {
        return null;
    }

    /**
     * Removes both SAs of an installed pair, and its policies when no other pair of its tunnel is left: the
     * pair was deleted (RFC 7296 §1.4.1), replaced and drained, or its IKE SA is gone. Its inbound SPI may
     * be handed out again afterwards.
     *
     * @param childSa a pair this installer installed.
     * @return null when removed, otherwise why not (it was never installed, the dataplane is unreachable).
     */
    String remove(ChildSa childSa);

    /** What {@link #installTrap} returns when the installer holds no trap policies. */
    int NO_TRAP = 0;

    /**
     * Installs a trap ({@code start_action = trap}): an outbound PROTECT policy over a child's selectors on
     * a tunnel with no SA, tried after every negotiated pair's policies so that it never shadows them.
     * Traffic that meets it raises an acquire naming the policy.
     *
     * @param localSelectors our side's selectors in swanctl.conf syntax, comma-separated.
     * @param remoteSelectors the peer's.
     * @return the trap policy's id, or {@link #NO_TRAP} when none could be installed.
     */
    default int installTrap(final String localSelectors, final String remoteSelectors)
    {
        return NO_TRAP;
    }

    /**
     * @param policyId a trap policy {@link #installTrap} installed.
     * @return null when removed, otherwise why not.
     */
    default String removeTrap(final int policyId)
    {
        return "this installer holds no trap policies";
    }

    /**
     * Moves both SAs of an installed pair to new outer endpoints without a rekey (MOBIKE, RFC 4555 §3.5, or
     * a NAT mapping that changed): keys, sequence numbers and replay windows stay; ESP goes in UDP or not as
     * asked.
     *
     * @param childSa a pair this installer installed.
     * @param local our new outer address and port.
     * @param remote the peer's new outer address and port, of the same family.
     * @param udpEncapsulation whether ESP goes in UDP between those ports from now on.
     * @return null when the move was asked for, otherwise why not.
     */
    default String move(final ChildSa childSa, final InetSocketAddress local, final InetSocketAddress remote,
        final boolean udpEncapsulation)
    {
        return "this installer cannot move SAs";
    }

    /**
     * @return true when every install and removal asked for so far has taken effect (or failed) in the
     *         dataplane, which applies them a moment after they are asked for.
     */
    default boolean settled()
    {
        return true;
    }
}
