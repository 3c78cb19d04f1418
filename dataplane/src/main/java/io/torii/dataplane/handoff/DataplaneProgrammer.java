package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import java.net.InetAddress;

/**
 * The dataplane's side of {@link DataplaneControl}: {@link ControlAdapter} decodes each request from the
 * control ring and calls one of these handlers on the polling thread. The implementation answers through
 * {@link EventsProxy} with the request's correlation id.
 */
public interface DataplaneProgrammer
{
    /**
     * @param correlationId the request's id.
     * @param protocol ESP or AH.
     * @param minSpi the lowest SPI acceptable, unsigned.
     * @param maxSpi the highest SPI acceptable, unsigned.
     */
    void onAllocateSpi(long correlationId, IpsecProtocol protocol, int minSpi, int maxSpi);

    /**
     * @param correlationId the request's id.
     * @param config the SA; the handler owns its key arrays and must destroy them when done with them.
     * @param direction which way it protects traffic.
     * @param tunnelId its tunnel.
     * @param lifetimes its limits.
     */
    void onAddSa(long correlationId, SaConfig config, Direction direction, int tunnelId, SaLifetimes lifetimes);

    /**
     * @param correlationId the request's id.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param lifetimes its new limits.
     */
    void onUpdateSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction, SaLifetimes lifetimes);

    /**
     * @param correlationId the request's id.
     * @param tunnelId the tunnel.
     * @param spi the new outbound SA's SPI.
     * @param protocol its protocol.
     */
    void onSwitchOutbound(long correlationId, int tunnelId, int spi, IpsecProtocol protocol);

    /**
     * @param correlationId the request's id.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param source its new outer source address.
     * @param sourcePort its new UDP source port.
     * @param destination its new outer destination address, of the same family.
     * @param destinationPort its new UDP destination port.
     * @param udpEncapsulation whether ESP goes in UDP from now on.
     */
    void onMoveSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction, InetAddress source,
        int sourcePort, InetAddress destination, int destinationPort, boolean udpEncapsulation);

    /**
     * @param correlationId the request's id.
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     */
    void onDeleteSa(long correlationId, int spi, IpsecProtocol protocol, Direction direction);

    /**
     * @param correlationId the request's id.
     * @param policyId the policy's id.
     * @param localSelectors this side's selectors, in swanctl.conf syntax, not yet parsed.
     * @param remoteSelectors the peer's selectors.
     * @param direction which traffic it applies to.
     * @param action what to do with it.
     * @param priority lower first.
     * @param tunnelId its tunnel.
     */
    void onAddPolicy(
        long correlationId,
        int policyId,
        String localSelectors,
        String remoteSelectors,
        PolicyDirection direction,
        PolicyAction action,
        int priority,
        int tunnelId);

    /**
     * @param correlationId the request's id.
     * @param policyId the policy's id.
     */
    void onDeletePolicy(long correlationId, int policyId);

    /**
     * @param correlationId the request's id.
     * @param scope what to remove.
     */
    void onFlush(long correlationId, FlushScope scope);

    /**
     * A request that could not be decoded: unknown type, truncated, or an SA record that fails
     * {@link SaConfig}'s checks. The handler should answer {@code onFailed} with the reason.
     *
     * @param correlationId the request's id, or 0 when the message was too short to carry one.
     * @param msgTypeId the ring message type.
     * @param reason what is wrong.
     */
    void onInvalidRequest(long correlationId, int msgTypeId, String reason);
}
