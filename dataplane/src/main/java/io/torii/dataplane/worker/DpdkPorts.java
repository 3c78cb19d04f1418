package io.torii.dataplane.worker;

import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.dpdk.DpdkEal;
import io.torii.dataplane.port.dpdk.DpdkPort;
import io.torii.nativeshim.Dpdk;
import io.torii.nativeshim.DpdkEthPort;
import io.torii.nativeshim.PortException;
import java.time.Duration;
import java.util.List;

/**
 * Opens the DPDK ports of a side: starts the EAL (once per process) with the configured or default
 * arguments, probes the device with a queue pair per worker, and gives each worker a
 * {@link DpdkPort} on its queue pair. The device spreads flows over the queues (RSS where it has
 * it; {@code net_af_packet} needs {@code qpairs=N} in its vdev for N workers).
 */
final class DpdkPorts
{
    private static final Duration NEIGHBOUR_REFRESH = Duration.ofSeconds(5);

    private DpdkPorts()
    {
    }

    /**
     * @param port the side's configuration, {@code port = dpdk}.
     * @param workers how many workers.
     * @param ringSize descriptors per queue, or 0 for {@link DpdkEthPort#DEFAULT_RING}.
     * @return one port per worker; on failure, the ports already opened are closed.
     * @throws SettingsException naming the configuration's line when the layer is missing or DPDK
     *         refuses the EAL arguments or the device.
     */
    static PacketPort[] open(final PortConfig port, final int workers, final int ringSize)
    {
        if (!Dpdk.isAvailable())
        {
            throw new SettingsException(port.location(), port.role() + ": port = dpdk is unavailable: " +
                Dpdk.status());
        }
        final PortConfig.DpdkOptions options = port.dpdk();
        final List<String> eal =
            options.ealArguments().isEmpty() ? DpdkEal.defaultArguments(options.pci()) : options.ealArguments();
        final DpdkEthPort device;
        try
        {
            Dpdk.startEal(eal);
            device = DpdkEthPort.open(null, options.devargs(), options.exception().isEmpty() ? null :
                options.exception(), workers, ringSize == 0 ? DpdkEthPort.DEFAULT_RING : ringSize);
        }
        catch (final PortException | IllegalStateException ex)
        {
            throw new SettingsException(port.location(), port.role() + ": port = dpdk: " + ex.getMessage(), ex);
        }
        final PacketPort[] ports = new PacketPort[workers];
        // The ports hold the device; this reference only spans the opening.
        try (device)
        {
            for (int i = 0; i < workers; i++)
            {
                ports[i] = new DpdkPort(device, i, port.interfaceName().orElseThrow(), NEIGHBOUR_REFRESH);
            }
            return ports;
        }
        catch (final RuntimeException ex)
        {
            for (final PacketPort opened : ports)
            {
                if (opened != null)
                {
                    opened.close();
                }
            }
            throw ex;
        }
    }
}
