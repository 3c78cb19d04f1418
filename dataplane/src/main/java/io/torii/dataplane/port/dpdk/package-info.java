/**
 * The DPDK packet port: {@link io.torii.dataplane.port.dpdk.DpdkPort}, one worker's queue pair on
 * a DPDK Ethernet device (a PCI NIC, or a virtual device such as {@code net_af_packet} or
 * {@code net_tap} in the lab), framing and unframing Ethernet as the AF_XDP port does and taking
 * next hops from the kernel through the AF_XDP port's
 * {@link io.torii.dataplane.port.afxdp.NeighbourResolver}.
 *
 * <p>What is not the dataplane's reaches the kernel in one of two ways. With {@code net_af_packet}
 * the kernel keeps receiving every frame on the interface beside DPDK (an AF_PACKET socket is a
 * tap, not a steal), so ARP, neighbour discovery and IKE need nothing from Torii; the kernel also
 * sees the ESP, and answers ESP it has no handler for with ICMP "protocol unreachable" unless an
 * input rule drops it ({@code nft add rule inet filter input meta l4proto esp drop}: netfilter runs
 * after the AF_PACKET tap, so DPDK still gets the frame). With a device that takes frames away
 * from the kernel (a PCI NIC, {@code net_tap}, {@code net_af_xdp}) an exception port is needed: a
 * {@code net_tap} vdev whose TAP interface holds the host's address and the port's MAC; the shim
 * sends it what is not the dataplane's and sends on the wire what the kernel writes into it.
 */
package io.torii.dataplane.port.dpdk;
