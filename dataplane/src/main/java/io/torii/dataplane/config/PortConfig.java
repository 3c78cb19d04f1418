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
 */
public record PortConfig(String role, String kind, Optional<String> interfaceName, Optional<InetAddress> address,
    int udpPort, int mtu, SettingsLocation location)
{
}
