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
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Installs negotiated Child SAs through the one narrow interface to the dataplane: a tunnel of its own
 * per pair, an outbound and an inbound PROTECT policy over the negotiated selectors, the two ESP SAs,
 * and, like strongSwan with kernel-libipsec, a route for each remote selector through the TUN device.
 * SPIs are drawn at random above the reserved range and never handed out twice while in use.
 */
public final class DataplaneChildSaInstaller implements ChildSaInstaller
{
    private static final int POLICY_PRIORITY = 10;
    private static final int MIN_SPI = 0x1000;

    private final DataplaneControl control;
    private final SecureRandom random;
    private final Consumer<String> routes;
    private final Set<Integer> spisInUse = new HashSet<>();
    private final Map<ChildSa, Installed> installed = new HashMap<>();
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
                control.addPolicy(control.nextCorrelationId(), outboundPolicy, local, remote, PolicyDirection.OUTBOUND,
                    PolicyAction.PROTECT, POLICY_PRIORITY, tunnel) &&
                control.addPolicy(control.nextCorrelationId(), inboundPolicy, local, remote, PolicyDirection.INBOUND,
                    PolicyAction.PROTECT, POLICY_PRIORITY, tunnel) &&
                control.addSa(control.nextCorrelationId(), outbound, Direction.OUTBOUND, tunnel, SaLifetimes.NONE) &&
                control.addSa(control.nextCorrelationId(), inbound, Direction.INBOUND, tunnel, SaLifetimes.NONE);
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
            control.deletePolicy(control.nextCorrelationId(), pair.outboundPolicy()) &&
            control.deletePolicy(control.nextCorrelationId(), pair.inboundPolicy()) &&
            control.deleteSa(control.nextCorrelationId(), child.outboundSpi(), IpsecProtocol.ESP, Direction.OUTBOUND) &&
            control.deleteSa(control.nextCorrelationId(), child.inboundSpi(), IpsecProtocol.ESP, Direction.INBOUND);
        return queued ? null : "the dataplane's control ring is full";
    }
}
