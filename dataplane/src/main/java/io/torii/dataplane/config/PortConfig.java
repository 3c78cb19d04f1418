package io.torii.dataplane.config;

import java.net.InetAddress;
import java.util.List;
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
 * @param dpdk the DPDK settings, for {@code dpdk} ({@link DpdkOptions#NONE} elsewhere).
 */
public record PortConfig(String role, String kind, Optional<String> interfaceName, Optional<InetAddress> address,
    int udpPort, int mtu, SettingsLocation location, AfXdpOptions afxdp, DpdkOptions dpdk)
{
    /**
     * {@code device} or {@code vdev}, {@code eal_args} and {@code exception} of a {@code dpdk} port.
     *
     * @param devargs the device: a PCI address ({@code device = 0000:03:00.0}) or a virtual device
     *        with its arguments ({@code vdev = net_af_packet0,iface=eth0}); empty for other kinds.
     * @param pci whether devargs is a PCI address.
     * @param ealArguments the EAL's arguments, whitespace-separated in the file; empty: the defaults.
     * @param exception the exception port's devargs (a {@code net_tap}), or empty for none.
     */
    public record DpdkOptions(String devargs, boolean pci, List<String> ealArguments, String exception)
    {
        /** No DPDK device: the value for other kinds. */
        public static final DpdkOptions NONE = new DpdkOptions("", false, List.of(), "");
    }

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
