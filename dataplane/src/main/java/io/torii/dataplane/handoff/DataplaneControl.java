package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.net.InetAddress;

/**
 * The one interface through which the control plane programs the dataplane, as strongSwan's
 * {@code kernel_ipsec.h} does the kernel. Every call is a request: it returns at once and its outcome comes
 * back later on {@link DataplaneEvents}, matched by the caller's correlation id ({@code onSpiAllocated},
 * {@code onCompleted} or {@code onFailed}). Requests are applied in the order one caller made them.
 *
 * <p>Every method returns false, having sent nothing, when the request cannot be queued now (the ring is
 * full): the caller retries on a later duty cycle. Methods never block. Arguments that could never be encoded
 * throw {@link IllegalArgumentException}.
 */
public interface DataplaneControl
{
    /**
     * @return a correlation id no other request made through the same rings has had, for any caller.
     */
    long nextCorrelationId();

    /**
     * Asks for an inbound SPI that no SA of that protocol uses and that stays reserved until an SA takes it
     * with {@link #addSa} or a {@link #deleteSa} frees it. Answered by {@code onSpiAllocated} or {@code onFailed}.
     *
     * @param correlationId the id the answer carries.
     * @param protocol ESP or AH.
     * @param minSpi the lowest SPI acceptable, unsigned, 256 or more.
     * @param maxSpi the highest SPI acceptable, unsigned, not below {@code minSpi}.
     * @return false when the request could not be queued.
     */
    boolean allocateSpi(long correlationId, IpsecProtocol protocol, int minSpi, int maxSpi);

    /**
     * Installs an SA. An outbound SA becomes its tunnel's sending SA when the tunnel has none; otherwise it
     * waits, fully installed, for {@link #switchOutbound} (make-before-break rekeying).
     *
     * @param correlationId the id the answer carries.
     * @param config the SA; its keys are copied, the caller keeps and should destroy its own.
     * @param direction which way the SA protects traffic.
     * @param tunnelId the tunnel (the policies' handle) the SA belongs to.
     * @param lifetimes the limits after which the dataplane reports the SA expiring.
     * @return false when the request could not be queued.
     */
    boolean addSa(long correlationId, SaConfig config, Direction direction, int tunnelId, SaLifetimes lifetimes);

    /**
     * Replaces the lifetime limits of an installed SA; counts so far are kept.
     *
     * @param correlationId the id the answer carries.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param lifetimes the new limits.
     * @return false when the request could not be queued.
     */
    boolean updateSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction, SaLifetimes lifetimes);

    /**
     * Makes an installed outbound SA its tunnel's sending SA in one step: the packet before uses the old SA,
     * the packet after the new one. The old SA stays installed until deleted.
     *
     * @param correlationId the id the answer carries.
     * @param tunnelId the tunnel.
     * @param spi the new outbound SA's SPI.
     * @param protocol its protocol.
     * @return false when the request could not be queued.
     */
    boolean switchOutbound(long correlationId, int tunnelId, int spi, IpsecProtocol protocol);

    /**
     * Moves an installed SA to new outer endpoints without a rekey (MOBIKE, RFC 4555, or a NAT mapping that
     * changed): its keys, sequence number, replay window, counters and lifetimes stay. An outbound SA's
     * packets leave with the new addresses and ports from the next packet on, in UDP or not as asked; an
     * inbound SA accepts its packets from wherever they come, so moving it only keeps its record right.
     *
     * @param correlationId the id the answer carries.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param source the new outer source: this host for an outbound SA, the peer for an inbound one.
     * @param sourcePort the new UDP source port, used with UDP encapsulation.
     * @param destination the new outer destination, of the source's address family.
     * @param destinationPort the new UDP destination port, used with UDP encapsulation.
     * @param udpEncapsulation whether ESP goes in UDP from now on (RFC 3948).
     * @return false when the request could not be queued.
     * @throws IllegalArgumentException when the addresses are of different families.
     */
    boolean moveSa(
        long correlationId,
        int spi,
        IpsecProtocol protocol,
        Direction direction,
        InetAddress source,
        int sourcePort,
        InetAddress destination,
        int destinationPort,
        boolean udpEncapsulation);

    /**
     * Removes an SA (or frees an SPI reserved by {@link #allocateSpi}), destroying its keys.
     *
     * @param correlationId the id the answer carries.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @return false when the request could not be queued.
     */
    boolean deleteSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction);

    /**
     * Installs a policy, replacing one with the same id.
     *
     * @param correlationId the id the answer carries.
     * @param policyId the policy's id, chosen by the control plane.
     * @param localSelectors this side's selectors in swanctl.conf syntax, such as {@code 10.1.0.0/16}.
     * @param remoteSelectors the peer's selectors.
     * @param direction which traffic the policy applies to.
     * @param action what to do with it.
     * @param priority lower numbers are tried first; 0 or more.
     * @param tunnelId the tunnel whose SAs protect the traffic for {@link PolicyAction#PROTECT}.
     * @return false when the request could not be queued.
     * @throws IllegalArgumentException when a selector text is longer than the wire allows.
     */
    boolean addPolicy(
        long correlationId,
        int policyId,
        String localSelectors,
        String remoteSelectors,
        PolicyDirection direction,
        PolicyAction action,
        int priority,
        int tunnelId);

    /**
     * Removes a policy.
     *
     * @param correlationId the id the answer carries.
     * @param policyId the policy's id.
     * @return false when the request could not be queued.
     */
    boolean deletePolicy(long correlationId, int policyId);

    /**
     * Removes every SA, every policy or both, as at a control-plane restart.
     *
     * @param correlationId the id the answer carries.
     * @param scope what to remove.
     * @return false when the request could not be queued.
     */
    boolean flush(long correlationId, FlushScope scope);
}
