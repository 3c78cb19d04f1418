package io.torii.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.testing.Commands;
import io.torii.dataplane.testing.NetworkLab;

/**
 * The MOBIKE tests' network (RFC 4555): two gateways on one link, each with a host behind it, and a way to
 * change a gateway's address inside its namespace as an operator or a DHCP client would.
 * <pre>
 *  [hostA] 10.1.0.2 --- [gwA] 192.0.2.1 ==== 192.0.2.2 [gwB] --- 10.2.0.2 [hostB]
 *   net: 10.1.0.0/24 === 10.2.0.0/24
 * </pre>
 * Both WAN links promote a secondary address when the primary goes, so that deleting the old address keeps
 * the new one (of the same subnet) and the subnet's route, which then leaves from the new address.
 */
final class MobikeLab
{
    /** The IKE connection's name on both sides. */
    static final String IKE = "ab";
    /** The child's name on both sides. */
    static final String CHILD = "net";

    /**
     * The namespaces and the WAN devices.
     *
     * @param gwA Torii's gateway.
     * @param gwB strongSwan's gateway.
     * @param hostA the host behind gwA.
     * @param hostB the host behind gwB.
     * @param wanA gwA's end of the WAN link.
     * @param wanB gwB's end of the WAN link.
     */
    record Gateways(String gwA, String gwB, String hostA, String hostB, String wanA, String wanB)
    {
    }

    private MobikeLab()
    {
    }

    /**
     * Builds the network ({@link GatewayPlacement#DIRECT_V4}) and lets each WAN link promote secondaries.
     *
     * @param lab the namespaces' owner.
     * @return the names.
     */
    static Gateways wire(final NetworkLab lab)
    {
        final GatewayPlacement.Network network = GatewayPlacement.DIRECT_V4.build(lab);
        final String gwA = network.toriiGateway();
        final String gwB = network.strongSwanGateway();
        final Gateways gateways = new Gateways(gwA, gwB, network.hostA(), network.hostB(), network.toriiWan(),
            network.strongSwanWan());
        assertThat(lab.exec(gwA, "sysctl", "-q", "-w", "net.ipv4.conf." + gateways.wanA() + ".promote_secondaries=1")
            .exitCode()).isZero();
        assertThat(lab.exec(gwB, "sysctl", "-q", "-w", "net.ipv4.conf." + gateways.wanB() + ".promote_secondaries=1")
            .exitCode()).isZero();
        return gateways;
    }

    /**
     * Changes a gateway's address within its /24: the new one added, then the old one deleted.
     *
     * @param namespace the gateway's namespace.
     * @param device its WAN device.
     * @param from the address it has, without prefix.
     * @param to the address it gets.
     */
    static void moveAddress(final String namespace, final String device, final String from, final String to)
    {
        Commands.check("ip", "-n", namespace, "addr", "add", to + "/24", "dev", device);
        Commands.check("ip", "-n", namespace, "addr", "del", from + "/24", "dev", device);
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param localId our identity.
     * @param remoteId the peer's.
     * @param localNet our side's first two octets, such as {@code 10.1}.
     * @param remoteNet the peer side's.
     * @param childOptions more settings of the child, such as {@code start_action = start}; empty for none.
     * @return the swanctl.conf text of the PSK connection {@value #IKE} with child {@value #CHILD}, MOBIKE offered.
     */
    static String connection(final String local, final String remote, final String localId,
        final String remoteId, final String localNet, final String remoteNet, final String childOptions)
    {
        return connection(local, remote, localId, remoteId, localNet, remoteNet, childOptions, true);
    }

    /**
     * @param local {@code local_addrs}.
     * @param remote {@code remote_addrs}.
     * @param localId our identity.
     * @param remoteId the peer's.
     * @param localNet our side's first two octets, such as {@code 10.1}.
     * @param remoteNet the peer side's.
     * @param childOptions more settings of the child; empty for none.
     * @param mobike whether MOBIKE is offered.
     * @return the swanctl.conf text of the PSK connection {@value #IKE} with child {@value #CHILD}.
     */
    static String connection(final String local, final String remote, final String localId,
        final String remoteId, final String localNet, final String remoteNet, final String childOptions,
        final boolean mobike)
    {
        return """
            connections {
              %s {
                version = 2
                local_addrs = %s
                remote_addrs = %s
                proposals = aes256gcm16-prfsha256-x25519
                mobike = %s
                local {
                  auth = psk
                  id = %s
                }
                remote {
                  auth = psk
                  id = %s
                }
                children {
                  %s {
                    local_ts = %s.0.0/24
                    remote_ts = %s.0.0/24
                    esp_proposals = aes256gcm16
                    %s
                  }
                }
              }
            }
            secrets {
              ike-gateways {
                id-a = gwa.example
                id-b = gwb.example
                secret = "torii and strongswan interop"
              }
            }
            """.formatted(IKE, local, remote, mobike ? "yes" : "no", localId, remoteId, CHILD, localNet, remoteNet,
                childOptions);
    }
}
