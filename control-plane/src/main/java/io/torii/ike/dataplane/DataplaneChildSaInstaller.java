package io.torii.ike.dataplane;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.handoff.DataplaneControl;
import io.torii.dataplane.handoff.SaLifetimes;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.spd.PolicyAction;
import io.torii.dataplane.spd.PolicyDirection;
import io.torii.ike.sa.ChildSa;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Installs negotiated Child SAs through the one narrow interface to the dataplane: a tunnel of its own
 * per child, an outbound and an inbound PROTECT policy over the negotiated selectors, the two ESP SAs,
 * and, like strongSwan with kernel-libipsec, a route for each remote selector through the TUN device.
 * A pair that replaces another after a rekey joins the old pair's tunnel make-before-break: its inbound SA
 * first, then its outbound SA, which the dataplane holds back until {@link #switchOutbound}; the tunnel and
 * its policies go with the last of its pairs. SPIs are drawn at random above the reserved range and never
 * handed out twice while in use.
 */
public final class DataplaneChildSaInstaller implements ChildSaInstaller
{
    private static final int POLICY_PRIORITY = 10;
    /** Trap policies come after every pair's, as strongSwan's trap policies yield to its SAs' policies. */
    private static final int TRAP_PRIORITY = POLICY_PRIORITY + 10;
    /** What {@link #refused} says of a request that was not for a Child SA: no ESP SA has SPI 0 (RFC 4303). */
    public static final int NO_CHILD = 0;
    private static final int MIN_SPI = 0x1000;

    private final DataplaneControl control;
    private final SecureRandom random;
    private final Consumer<String> routes;
    private final Set<Integer> spisInUse = new HashSet<>();
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> childOfRequest = new ConcurrentHashMap<>();
    private final Map<ChildSa, Tunnel> installed = new HashMap<>();
    private final Set<Integer> traps = new HashSet<>();
    private int nextTunnel = 1;
    private int nextPolicy = 1;

    /** What the dataplane holds for one child: its tunnel and policies, by id, and the pairs in the tunnel. */
    private record Tunnel(int id, int outboundPolicy, int inboundPolicy, Set<ChildSa> pairs)
    {
    }

    /**
     * @param control the dataplane's control interface.
     * @param random SPIs come from it.
     * @param routes told each remote CIDR block to route through the TUN device; a no-op where the LAN
     *        side is not a TUN device.
     */
    public DataplaneChildSaInstaller(final DataplaneControl control, final SecureRandom random,
        final Consumer<String> routes)
    {
        this.control = Objects.requireNonNull(control, "control");
        this.random = Objects.requireNonNull(random, "random");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /**
     * Sends one request under a new correlation id, remembered until the dataplane answers it.
     *
     * @return false when the control ring had no room (nothing is then awaited).
     */
    private boolean request(final LongPredicate call)
    {
        return request(call, NO_CHILD);
    }

    /**
     * As {@link #request(LongPredicate)}, for a request that puts a Child SA pair in place: a refusal then
     * names the pair ({@link #refused}).
     *
     * @param childSpi the pair's inbound SPI.
     */
    private boolean request(final LongPredicate call, final int childSpi)
    {
        final long correlationId = control.nextCorrelationId();
        pending.add(correlationId);
        if (childSpi != NO_CHILD)
        {
            childOfRequest.put(correlationId, childSpi);
        }
        if (!call.test(correlationId))
        {
            pending.remove(correlationId);
            childOfRequest.remove(correlationId);
            return false;
        }
        return true;
    }

    /**
     * The dataplane completed a request: called on the thread that reads its events.
     *
     * @param correlationId the request's id.
     */
    public void answered(final long correlationId)
    {
        childOfRequest.remove(correlationId);
        pending.remove(correlationId);
    }

    /**
     * The dataplane refused a request (a full SA table, say): called on the thread that reads its events.
     *
     * @param correlationId the request's id.
     * @return the inbound SPI of the Child SA pair the request was putting in place, which the dataplane now
     *         lacks in part, or {@link #NO_CHILD}.
     */
    public int refused(final long correlationId)
    {
        final Integer childSpi = childOfRequest.remove(correlationId);
        pending.remove(correlationId);
        return childSpi == null ? NO_CHILD : childSpi;
    }

    @Override
    public boolean settled()
    {
        return pending.isEmpty();
    }

    @Override
    public int allocateSpi()
    {
        int spi;
        do
        {
            spi = random.nextInt();
        }
        while (Integer.compareUnsigned(spi, MIN_SPI) < 0 || !spisInUse.add(spi));
        return spi;
    }

    @Override
    public String install(final ChildSa child)
    {
        return install(child, SaLifetimes.NONE);
    }

    @Override
    public String install(final ChildSa child, final SaLifetimes lifetimes)
    {
        final Optional<EncryptionAlgorithm> encryption = EspAlgorithms.encryption(child.encryptionId(),
            child.encryptionKeyBits());
        final Optional<IntegrityAlgorithm> integrity = EspAlgorithms.integrity(child.integrityId());
        if (encryption.isEmpty() || integrity.isEmpty())
        {
            return "the ESP engine has no ENCR " + child.encryptionId() + " / INTEG " + child.integrityId();
        }
        final Tunnel tunnel = new Tunnel(nextTunnel++, nextPolicy++, nextPolicy++, new HashSet<>());
        final String local = SelectorText.swanctl(child.localTs());
        final String remote = SelectorText.swanctl(child.remoteTs());
        final boolean policies =
            request(id -> control.addPolicy(id, tunnel.outboundPolicy(), local, remote, PolicyDirection.OUTBOUND,
                PolicyAction.PROTECT, POLICY_PRIORITY, tunnel.id()), child.inboundSpi()) &&
            request(id -> control.addPolicy(id, tunnel.inboundPolicy(), local, remote, PolicyDirection.INBOUND,
                PolicyAction.PROTECT, POLICY_PRIORITY, tunnel.id()), child.inboundSpi());
        final String problem = policies ? addSas(child, tunnel, lifetimes, encryption.get(), integrity.get(), false) :
            "the dataplane's control ring is full";
        if (problem != null)
        {
            return problem;
        }
        if (!child.transport())
        {
            child.remoteTs().forEach(selector -> SelectorText.cidrs(selector).forEach(routes));
        }
        return null;
    }

    /** The old pair's tunnel keeps its policies and routes; the new inbound SA goes in before the outbound. */
    @Override
    public String installReplacement(final ChildSa replaced, final ChildSa replacement, final SaLifetimes lifetimes)
    {
        final Tunnel tunnel = installed.get(replaced);
        if (tunnel == null)
        {
            return install(replacement, lifetimes);
        }
        final Optional<EncryptionAlgorithm> encryption = EspAlgorithms.encryption(replacement.encryptionId(),
            replacement.encryptionKeyBits());
        final Optional<IntegrityAlgorithm> integrity = EspAlgorithms.integrity(replacement.integrityId());
        if (encryption.isEmpty() || integrity.isEmpty())
        {
            return "the ESP engine has no ENCR " + replacement.encryptionId() + " / INTEG " +
                replacement.integrityId();
        }
        return addSas(replacement, tunnel, lifetimes, encryption.get(), integrity.get(), true);
    }

    @Override
    public String switchOutbound(final ChildSa replacement)
    {
        final Tunnel tunnel = installed.get(replacement);
        if (tunnel == null)
        {
            return "CHILD_SA " + replacement.name() + " with SPIs " + Integer.toHexString(replacement.inboundSpi()) +
                "_i is not installed";
        }
        return request(id -> control.switchOutbound(id, tunnel.id(), replacement.outboundSpi(), IpsecProtocol.ESP)) ?
            null : "the dataplane's control ring is full";
    }

    /**
     * Adds the pair's two SAs to the tunnel: for a replacement the inbound one first, so that the peer, which
     * may send with the new pair as soon as it has our answer, finds it; the outbound one then waits in the
     * dataplane behind the tunnel's sending SA.
     */
    private String addSas(final ChildSa child, final Tunnel tunnel, final SaLifetimes lifetimes,
        final EncryptionAlgorithm encryption, final IntegrityAlgorithm integrity, final boolean inboundFirst)
    {
        final IpsecMode mode = child.transport() ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL;
        final SaConfig outbound = new SaConfig(child.name() + "-out", child.outboundSpi(), child.local().getAddress(),
            child.remote().getAddress(), IpsecProtocol.ESP, mode, child.udpEncapsulation(), child.local().getPort(),
            child.remote().getPort(), encryption, integrity, child.outboundEncryptionKey(),
            child.outboundIntegrityKey(), child.esn(), 0, 0, 0);
        final SaConfig inbound = new SaConfig(child.name() + "-in", child.inboundSpi(), child.remote().getAddress(),
            child.local().getAddress(), IpsecProtocol.ESP, mode, child.udpEncapsulation(), child.remote().getPort(),
            child.local().getPort(), encryption, integrity, child.inboundEncryptionKey(),
            child.inboundIntegrityKey(), child.esn(), 0, child.replayWindow(), 0);
        try
        {
            final LongPredicate addOutbound = id -> control.addSa(id, outbound, Direction.OUTBOUND, tunnel.id(),
                lifetimes);
            final LongPredicate addInbound = id -> control.addSa(id, inbound, Direction.INBOUND, tunnel.id(),
                lifetimes);
            final int pair = child.inboundSpi();
            final boolean queued = inboundFirst ? request(addInbound, pair) && request(addOutbound, pair) :
                request(addOutbound, pair) && request(addInbound, pair);
            if (!queued)
            {
                return "the dataplane's control ring is full";
            }
        }
        finally
        {
            outbound.destroyKeys();
            inbound.destroyKeys();
        }
        tunnel.pairs().add(child);
        installed.put(child, tunnel);
        return null;
    }

    /** A policy over a tunnel of its own that never gets an SA: the dataplane raises acquires for it. */
    @Override
    public int installTrap(final String localSelectors, final String remoteSelectors)
    {
        final int tunnel = nextTunnel++;
        final int policy = nextPolicy++;
        if (!request(id -> control.addPolicy(id, policy, localSelectors, remoteSelectors, PolicyDirection.OUTBOUND,
            PolicyAction.PROTECT, TRAP_PRIORITY, tunnel)))
        {
            return NO_TRAP;
        }
        traps.add(policy);
        return policy;
    }

    @Override
    public String removeTrap(final int policyId)
    {
        if (!traps.remove(policyId))
        {
            return "no trap policy " + policyId;
        }
        return request(id -> control.deletePolicy(id, policyId)) ? null : "the dataplane's control ring is full";
    }

    /**
     * Both SAs of the pair move in the dataplane, which keeps their sequence numbers and replay windows; the
     * policies stay, since the selectors do not change. The pair's record keeps the endpoints it was
     * negotiated with.
     */
    @Override
    public String move(final ChildSa child, final InetSocketAddress local, final InetSocketAddress remote,
        final boolean udpEncapsulation)
    {
        if (!installed.containsKey(child))
        {
            return "CHILD_SA " + child.name() + " with SPIs " + Integer.toHexString(child.inboundSpi()) + "_i " +
                Integer.toHexString(child.outboundSpi()) + "_o is not installed";
        }
        if (local.getAddress().getClass() != remote.getAddress().getClass())
        {
            return "cannot move CHILD_SA " + child.name() + " to " + local + " and " + remote +
                ": the addresses are of different families";
        }
        final boolean queued =
            request(id -> control.moveSa(id, child.outboundSpi(), IpsecProtocol.ESP, Direction.OUTBOUND,
                local.getAddress(), local.getPort(), remote.getAddress(), remote.getPort(), udpEncapsulation)) &&
            request(id -> control.moveSa(id, child.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND,
                remote.getAddress(), remote.getPort(), local.getAddress(), local.getPort(), udpEncapsulation));
        return queued ? null : "the dataplane's control ring is full";
    }

    /**
     * With the tunnel's last pair, its policies first, so that no packet meets a policy whose SA is gone; the
     * routes through the TUN device stay, since another pair may cover the same remote selectors and they lead
     * nowhere without a policy. A replaced pair leaves after its replacement sends, so its tunnel keeps one.
     */
    @Override
    public String remove(final ChildSa child)
    {
        final Tunnel tunnel = installed.remove(child);
        if (tunnel == null)
        {
            return "CHILD_SA " + child.name() + " with SPIs " + Integer.toHexString(child.inboundSpi()) + "_i " +
                Integer.toHexString(child.outboundSpi()) + "_o is not installed";
        }
        spisInUse.remove(child.inboundSpi());
        tunnel.pairs().remove(child);
        final boolean lastPair = tunnel.pairs().isEmpty();
        final boolean queued =
            (!lastPair || request(id -> control.deletePolicy(id, tunnel.outboundPolicy())) &&
                request(id -> control.deletePolicy(id, tunnel.inboundPolicy()))) &&
            request(id -> control.deleteSa(id, child.outboundSpi(), IpsecProtocol.ESP, Direction.OUTBOUND)) &&
            request(id -> control.deleteSa(id, child.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND));
        return queued ? null : "the dataplane's control ring is full";
    }
}
