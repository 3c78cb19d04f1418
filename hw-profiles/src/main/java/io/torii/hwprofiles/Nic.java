package io.torii.hwprofiles;

import java.util.Set;

/**
 * One network interface as {@code /sys/class/net/NAME} describes it.
 *
 * @param name the interface name, such as {@code eth0}.
 * @param driver the kernel driver bound to its device ({@code ice}, {@code virtio_net}), or empty
 *        for a virtual interface (loopback, veth, bridge, tun), which has no device.
 * @param busAddress the device's name on its bus: a PCI address such as {@code 0000:3b:00.0}, or
 *        {@code virtio2}; empty for a virtual interface.
 * @param receiveQueues how many receive queues the kernel set up ({@code queues/rx-N}).
 * @param transmitQueues how many transmit queues ({@code queues/tx-N}).
 * @param speedMbps the link speed the driver reports, or -1 when it reports none (link down, virtio).
 * @param numaNode the NUMA node the device hangs off, or -1 when unknown.
 */
public record Nic(String name, String driver, String busAddress, int receiveQueues, int transmitQueues,
    int speedMbps, int numaNode)
{
    /**
     * Drivers with native XDP (the program runs in the driver, before an skb exists), from the
     * drivers under Linux's drivers/net that implement ndo_bpf; with these AF_XDP does not fall back
     * to generic mode. Not complete: a driver missing here is reported as generic, never wrongly native.
     */
    private static final Set<String> NATIVE_XDP_DRIVERS = Set.of("i40e", "ice", "ixgbe", "ixgbevf", "igb", "igc",
        "mlx4_core", "mlx5_core", "bnxt_en", "ena", "qede", "nfp", "virtio_net", "veth", "tun", "stmmac",
        "mvneta", "mvpp2", "fec", "enetc", "sfc", "thunderx-nic", "ionic", "idpf");
    /** Drivers whose AF_XDP sockets can bind zero-copy, so frames never cross a copy. */
    private static final Set<String> ZERO_COPY_DRIVERS = Set.of("i40e", "ice", "ixgbe", "igc", "mlx5_core",
        "stmmac", "idpf");

    /** @return whether a device backs it: a NIC, not a software interface. */
    public boolean physical()
    {
        return !driver.isEmpty();
    }

    /** @return whether its driver runs XDP programs natively. */
    public boolean nativeXdp()
    {
        return NATIVE_XDP_DRIVERS.contains(driver);
    }

    /** @return whether its driver supports AF_XDP zero-copy binds. */
    public boolean zeroCopy()
    {
        return ZERO_COPY_DRIVERS.contains(driver);
    }

    /** @return the queues that can each feed a worker: the smaller of receive and transmit. */
    public int queuePairs()
    {
        return Math.min(receiveQueues, transmitQueues);
    }
}
