package io.torii.dataplane.config;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One side of the dataplane, as {@code dataplane { wan { ... } lan { ... } }} describes it.
 *
 * @param role {@code wan} (protected side) or {@code lan} (cleartext side).
 * @param kind {@code udp}, {@code raw}, {@code tun}, {@code afxdp} or {@code dpdk}.
 * @param interfaceName the device, for TUN, AF_XDP and DPDK ports.
 * @param address the local address, for socket ports.
 * @param udpPort the local UDP port, for {@code udp} (default 4500).
 * @param mtu the device MTU to set, for TUN (0: leave it).
 * @param location where the section is, for errors found later.
 * @param afxdp the AF_XDP settings, for {@code afxdp} ({@link AfXdpOptions#DEFAULT} elsewhere).
 */
public record PortConfig(String role, String kind, Optional<String> interfaceName, Optional<InetAddress> address,
    int udpPort, int mtu, SettingsLocation location, AfXdpOptions afxdp)
{
    /**
     * {@code queue}, {@code mode} and {@code bind} of an {@code afxdp} port.
     *
     * @param queue the first receive queue; worker i binds queue + i.
     * @param mode {@code auto} (native, falling back to generic; the default), {@code native} or
     *        {@code generic}: where the XDP program attaches.
     * @param bind {@code copy} (the default) or {@code zerocopy}.
     */
    public record AfXdpOptions(int queue, String mode, String bind)
    {
        /** Queue 0, auto attach, copy bind. */
        public static final AfXdpOptions DEFAULT = new AfXdpOptions(0, "auto", "copy");
    }
}
