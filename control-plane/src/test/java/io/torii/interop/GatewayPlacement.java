package io.torii.interop;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;
import java.util.List;

/**
 * Where a Torii gateway and a strongSwan gateway sit relative to each other, and the namespaces that build
 * it. The hosts behind them are always {@code 10.1.0.2} (behind Torii) and {@code 10.2.0.2} (behind
 * strongSwan); only the outer network between the gateways changes:
 * <pre>
 * DIRECT_V4              [torii] 192.0.2.1 ================================== 192.0.2.2 [charon]
 * DIRECT_V6              [torii] 2001:db8::1 ================================ 2001:db8::2 [charon]
 * TORII_BEHIND_NAT       [torii] 192.0.2.1 --- 192.0.2.254 [nat] 198.51.100.254 --- 198.51.100.2 [charon]
 * STRONGSWAN_BEHIND_NAT  [charon] 192.0.2.2 --- 192.0.2.254 [nat] 198.51.100.254 --- 198.51.100.1 [torii]
 * </pre>
 * The NAT namespace masquerades (nftables) everything that leaves on its outside link, so the gateway
 * inside appears with the address 198.51.100.254; the gateway outside only answers ({@code %any}).
 */
enum GatewayPlacement
{
    /** Both gateways on one IPv4 link. */
    DIRECT_V4,
    /** Both gateways on one IPv6 link (documentation prefix, RFC 3849); the tunnel still carries IPv4. */
    DIRECT_V6,
    /** Torii inside a masquerading NAT, initiating. */
    TORII_BEHIND_NAT,
    /** strongSwan inside a masquerading NAT, initiating. */
    STRONGSWAN_BEHIND_NAT;

    /**
     * The built network.
     *
     * @param toriiGateway the namespace Torii runs in.
     * @param strongSwanGateway the namespace charon runs in.
     * @param hostA the host behind Torii.
     * @param hostB the host behind strongSwan.
     * @param toriiWan Torii's WAN device, where the capture runs.
     * @param strongSwanWan charon's WAN device.
     * @param toriiLocal Torii's {@code local_addrs}.
     * @param toriiRemote Torii's {@code remote_addrs}.
     * @param strongSwanLocal charon's {@code local_addrs}.
     * @param strongSwanRemote charon's {@code remote_addrs}.
     */
    record Network(String toriiGateway, String strongSwanGateway, String hostA, String hostB, String toriiWan,
        String strongSwanWan, String toriiLocal, String toriiRemote, String strongSwanLocal, String strongSwanRemote)
    {
    }

    /** @return whether the side that initiates is fixed by the placement (only the inside can reach out). */
    boolean fixesInitiator()
    {
        return this == TORII_BEHIND_NAT || this == STRONGSWAN_BEHIND_NAT;
    }

    /** @return whether Torii initiates, where {@link #fixesInitiator()}. */
    boolean toriiInside()
    {
        return this == TORII_BEHIND_NAT;
    }

    /**
     * Makes the namespaces, links, routes and NAT rules.
     *
     * @param lab the lab that removes them again.
     * @return the network.
     */
    Network build(final NetworkLab lab)
    {
        final String torii = lab.namespace("ta");
        final String strongSwan = lab.namespace("sb");
        final String hostA = lab.namespace("ha");
        final String hostB = lab.namespace("hb");
        lab.link(hostA, "10.1.0.2/24", torii, "10.1.0.1/24");
        lab.link(hostB, "10.2.0.2/24", strongSwan, "10.2.0.1/24");
        Commands.check("ip", "-n", hostA, "route", "add", "default", "via", "10.1.0.1");
        Commands.check("ip", "-n", hostB, "route", "add", "default", "via", "10.2.0.1");
        for (final String gateway : List.of(torii, strongSwan))
        {
            forward(lab, gateway);
        }
        return switch (this)
        {
            case DIRECT_V4 ->
            {
                final String[] wan = lab.link(torii, "192.0.2.1/24", strongSwan, "192.0.2.2/24");
                yield new Network(torii, strongSwan, hostA, hostB, wan[0], wan[1], "192.0.2.1", "192.0.2.2",
                    "192.0.2.2", "192.0.2.1");
            }
            case DIRECT_V6 ->
            {
                // Link-local IPv4 keeps link() happy; the gateways speak over the IPv6 addresses, added without
                // duplicate address detection so that they are usable at once.
                final String[] wan = lab.link(torii, "169.254.7.1/30", strongSwan, "169.254.7.2/30");
                Commands.check("ip", "-n", torii, "addr", "add", "2001:db8::1/64", "dev", wan[0], "nodad");
                Commands.check("ip", "-n", strongSwan, "addr", "add", "2001:db8::2/64", "dev", wan[1], "nodad");
                yield new Network(torii, strongSwan, hostA, hostB, wan[0], wan[1], "2001:db8::1", "2001:db8::2",
                    "2001:db8::2", "2001:db8::1");
            }
            case TORII_BEHIND_NAT ->
            {
                final String nat = lab.namespace("nt");
                final String[] inside = lab.link(torii, "192.0.2.1/24", nat, "192.0.2.254/24");
                final String[] outside = lab.link(nat, "198.51.100.254/24", strongSwan, "198.51.100.2/24");
                masquerade(lab, nat, outside[0]);
                Commands.check("ip", "-n", torii, "route", "add", "default", "via", "192.0.2.254");
                yield new Network(torii, strongSwan, hostA, hostB, inside[0], outside[1], "192.0.2.1",
                    "198.51.100.2", "198.51.100.2", "%any");
            }
            case STRONGSWAN_BEHIND_NAT ->
            {
                final String nat = lab.namespace("nt");
                final String[] inside = lab.link(strongSwan, "192.0.2.2/24", nat, "192.0.2.254/24");
                final String[] outside = lab.link(nat, "198.51.100.254/24", torii, "198.51.100.1/24");
                masquerade(lab, nat, outside[0]);
                Commands.check("ip", "-n", strongSwan, "route", "add", "default", "via", "192.0.2.254");
                yield new Network(torii, strongSwan, hostA, hostB, outside[1], inside[0], "198.51.100.1", "%any",
                    "192.0.2.2", "198.51.100.1");
            }
        };
    }

    /**
     * Forwarding on, reverse-path filters off: decrypted packets leave an IPsec device (libipsec's ipsec0, Torii's
     * TUN) with addresses that rp_filter would call spoofed.
     */
    private static void forward(final NetworkLab lab, final String namespace)
    {
        final Commands.Result result = lab.exec(namespace, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1",
            "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
        if (result.exitCode() != 0)
        {
            throw new IllegalStateException("sysctl in " + namespace + ": " + result.output());
        }
    }

    /** Source NAT for everything leaving on the outside device, as a home router does. */
    private static void masquerade(final NetworkLab lab, final String nat, final String outsideDevice)
    {
        forward(lab, nat);
        Commands.check("ip", "netns", "exec", nat, "nft", "add", "table", "ip", "torii_nat");
        Commands.check("ip", "netns", "exec", nat, "nft", "add", "chain", "ip", "torii_nat", "postrouting",
            "{ type nat hook postrouting priority 100 ; }");
        Commands.check("ip", "netns", "exec", nat, "nft", "add", "rule", "ip", "torii_nat", "postrouting",
            "oifname", outsideDevice, "masquerade");
    }

    /** @return whether nftables is installed (./torii bootstrap installs it with the interop packages). */
    static boolean hasNft()
    {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/nft"));
    }
}
