package io.torii.dataplane.handoff;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.net.InetAddress;

/**
 * What the dataplane tells the control plane: answers to {@link DataplaneControl} requests, matched by
 * correlation id, and unsolicited events about SAs and policies. {@link EventsAdapter} decodes them from
 * the events ring and calls these handlers on the control plane's polling thread.
 */
public interface DataplaneEvents
{
    /**
     * @param correlationId the {@link DataplaneControl#allocateSpi} request's id.
     * @param protocol the protocol asked for.
     * @param spi the SPI reserved.
     */
    void onSpiAllocated(long correlationId, IpsecProtocol protocol, int spi);

    /**
     * @param correlationId the id of a request that took effect.
     */
    void onCompleted(long correlationId);

    /**
     * @param correlationId the id of a request that did not take effect.
     * @param reason what went wrong, for logs.
     */
    void onFailed(long correlationId, String reason);

    /**
     * An SA reached a soft limit: rekey it. Raised once per SA for the first of its time, bytes and packets
     * limits reached (not at all when a hard limit is reached first), and once for the sequence-number limit.
     *
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param limit which limit.
     */
    void onSoftLifetime(int spi, IpsecProtocol protocol, Direction direction, LifetimeLimit limit);

    /**
     * An SA reached a hard limit: it no longer protects traffic; delete it. Raised once per SA.
     *
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param limit which limit.
     */
    void onHardLifetime(int spi, IpsecProtocol protocol, Direction direction, LifetimeLimit limit);

    /**
     * An outbound SA refused a packet because its sequence number would wrap.
     *
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     */
    void onSequenceExhausted(int spi, IpsecProtocol protocol);

    /**
     * A packet matched a protect policy whose tunnel has no outbound SA: negotiate one (XFRM's acquire).
     *
     * @param policyId the policy matched.
     * @param ipProtocol the packet's IP protocol.
     * @param source its source address.
     * @param sourcePort its source port, or 0 when the protocol has none.
     * @param destination its destination address.
     * @param destinationPort its destination port, or 0.
     */
    void onAcquire(
        int policyId, int ipProtocol, InetAddress source, int sourcePort, InetAddress destination, int destinationPort);

    /**
     * An SA's counts, sent when the dataplane reports them (periodically or when asked).
     *
     * @param spi the SA's SPI.
     * @param protocol its protocol.
     * @param direction its direction.
     * @param packets packets protected.
     * @param bytes bytes protected.
     * @param dropped packets dropped for this SA (replay, integrity, sequence).
     */
    void onSaStatistics(int spi, IpsecProtocol protocol, Direction direction, long packets, long bytes, long dropped);
}
