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
 * per pair, an outbound and an inbound PROTECT policy over the negotiated selectors, the two ESP SAs,
 * and, like strongSwan with kernel-libipsec, a route for each remote selector through the TUN device.
 * SPIs are drawn at random above the reserved range and never handed out twice while in use.
 */
public final class DataplaneChildSaInstaller implements ChildSaInstaller
{
    private static final int POLICY_PRIORITY = 10;
    /** Trap policies come after every pair's, as strongSwan's trap policies yield to its SAs' policies. */
    private static final int TRAP_PRIORITY = POLICY_PRIORITY + 10;
    private static final int MIN_SPI = 0x1000;

    private final DataplaneControl control;
    private final SecureRandom random;
    private final Consumer<String> routes;
    private final Set<Integer> spisInUse = new HashSet<>();
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final Map<ChildSa, Installed> installed = new HashMap<>();
    private final Set<Integer> traps = new HashSet<>();
    private int nextTunnel = 1;
    private int nextPolicy = 1;

    /** What the dataplane holds for one pair: its policies, by id. */
    private record Installed(int outboundPolicy, int inboundPolicy)
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
        final long correlationId = control.nextCorrelationId();
        pending.add(correlationId);
        if (!call.test(correlationId))
        {
            pending.remove(correlationId);
            return false;
        }
        return true;
    }

    /**
     * The dataplane answered a request (completed or failed): called on the thread that reads its events.
     *
     * @param correlationId the request's id.
     */
    public void answered(final long correlationId)
    {
        pending.remove(correlationId);
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
        final Optional<EncryptionAlgorithm> encryption = EspAlgorithms.encryption(child.encryptionId(),
            child.encryptionKeyBits());
        final Optional<IntegrityAlgorithm> integrity = EspAlgorithms.integrity(child.integrityId());
        if (encryption.isEmpty() || integrity.isEmpty())
        {
            return "the ESP engine has no ENCR " + child.encryptionId() + " / INTEG " + child.integrityId();
        }
        final int tunnel = nextTunnel++;
        final int outboundPolicy = nextPolicy++;
        final int inboundPolicy = nextPolicy++;
        final String local = SelectorText.swanctl(child.localTs());
        final String remote = SelectorText.swanctl(child.remoteTs());
        final IpsecMode mode = child.transport() ? IpsecMode.TRANSPORT : IpsecMode.TUNNEL;
        final SaConfig outbound = new SaConfig(child.name() + "-out", child.outboundSpi(), child.local().getAddress(),
            child.remote().getAddress(), IpsecProtocol.ESP, mode, child.udpEncapsulation(), child.local().getPort(),
            child.remote().getPort(), encryption.get(), integrity.get(), child.outboundEncryptionKey(),
            child.outboundIntegrityKey(), child.esn(), 0, 0, 0);
        final SaConfig inbound = new SaConfig(child.name() + "-in", child.inboundSpi(), child.remote().getAddress(),
            child.local().getAddress(), IpsecProtocol.ESP, mode, child.udpEncapsulation(), child.remote().getPort(),
            child.local().getPort(), encryption.get(), integrity.get(), child.inboundEncryptionKey(),
            child.inboundIntegrityKey(), child.esn(), 0, child.replayWindow(), 0);
        try
        {
            final boolean queued =
                request(id -> control.addPolicy(id, outboundPolicy, local, remote, PolicyDirection.OUTBOUND,
                    PolicyAction.PROTECT, POLICY_PRIORITY, tunnel)) &&
                request(id -> control.addPolicy(id, inboundPolicy, local, remote, PolicyDirection.INBOUND,
                    PolicyAction.PROTECT, POLICY_PRIORITY, tunnel)) &&
                request(id -> control.addSa(id, outbound, Direction.OUTBOUND, tunnel, SaLifetimes.NONE)) &&
                request(id -> control.addSa(id, inbound, Direction.INBOUND, tunnel, SaLifetimes.NONE));
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
        installed.put(child, new Installed(outboundPolicy, inboundPolicy));
        if (!child.transport())
        {
            child.remoteTs().forEach(selector -> SelectorText.cidrs(selector).forEach(routes));
        }
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
     * Policies first, so that no packet meets a policy whose SA is gone; the routes through the TUN device
     * stay, since another pair may cover the same remote selectors and they lead nowhere without a policy.
     */
    @Override
    public String remove(final ChildSa child)
    {
        final Installed pair = installed.remove(child);
        if (pair == null)
        {
            return "CHILD_SA " + child.name() + " with SPIs " + Integer.toHexString(child.inboundSpi()) + "_i " +
                Integer.toHexString(child.outboundSpi()) + "_o is not installed";
        }
        spisInUse.remove(child.inboundSpi());
        final boolean queued =
            request(id -> control.deletePolicy(id, pair.outboundPolicy())) &&
            request(id -> control.deletePolicy(id, pair.inboundPolicy())) &&
            request(id -> control.deleteSa(id, child.outboundSpi(), IpsecProtocol.ESP, Direction.OUTBOUND)) &&
            request(id -> control.deleteSa(id, child.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND));
        return queued ? null : "the dataplane's control ring is full";
    }
}
