package io.torii.dataplane.worker;

import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.afxdp.AfXdpPort;
import io.torii.dataplane.port.afxdp.AfXdpPortConfig;
import io.torii.nativeshim.AfXdp;
import io.torii.nativeshim.XdpAttachMode;
import io.torii.nativeshim.XdpProgram;
import java.util.Locale;

/**
 * Opens the AF_XDP ports of a side: the XDP program once on the interface, then one socket per
 * worker on consecutive receive queues from the configured {@code queue}. The kernel spreads flows
 * over the queues (RSS); packets that reach the wrong worker are handed to their owner.
 */
final class AfXdpPorts
{
    private AfXdpPorts()
    {
    }

    /**
     * @param port the side's configuration, {@code port = afxdp}.
     * @param workers how many workers.
     * @param ringSize UMEM frames per socket, or 0 for {@link io.torii.nativeshim.XskSocket#DEFAULT_FRAMES}.
     * @return one port per worker; on failure, the ports already opened are closed.
     * @throws SettingsException naming the configuration's line when the layer is missing or the
     *         interface has fewer queues than the workers need.
     */
    static PacketPort[] open(final PortConfig port, final int workers, final int ringSize)
    {
        if (!AfXdp.isAvailable())
        {
            throw new SettingsException(port.location(), port.role() + ": port = afxdp is unavailable: " +
                AfXdp.status());
        }
        final String interfaceName = port.interfaceName().orElseThrow();
        final PortConfig.AfXdpOptions options = port.afxdp();
        final int queues = XdpProgram.queueCount(null, interfaceName);
        checkQueues(port, workers, queues);
        final AfXdpPortConfig base = socketConfig(port, ringSize);
        final XdpAttachMode mode = base.mode();
        final PacketPort[] ports = new PacketPort[workers];
        // The ports hold the program; this reference only spans the opening.
        try (XdpProgram program = XdpProgram.attach(null, interfaceName, mode, queues))
        {
            for (int i = 0; i < workers; i++)
            {
                ports[i] = new AfXdpPort(base.withQueue(options.queue() + i), program);
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

    /**
     * @param port the side's configuration, {@code port = afxdp}.
     * @param ringSize UMEM frames per socket, or 0 for the socket's default.
     * @return the first worker's socket configuration; worker i takes the first queue + i.
     */
    static AfXdpPortConfig socketConfig(final PortConfig port, final int ringSize)
    {
        final PortConfig.AfXdpOptions options = port.afxdp();
        final XdpAttachMode mode = XdpAttachMode.valueOf(options.mode().toUpperCase(Locale.ROOT));
        final AfXdpPortConfig defaults = AfXdpPortConfig.of(port.interfaceName().orElseThrow())
            .withModes(mode, options.bind().equals("zerocopy"));
        return ringSize == 0 ? defaults : new AfXdpPortConfig(defaults.interfaceName(), defaults.queue(),
            defaults.mode(), defaults.zeroCopy(), ringSize, defaults.neighbourRefresh(), defaults.namespace());
    }

    /**
     * @param port the side's configuration.
     * @param workers how many workers, each needing a queue of its own.
     * @param queues the interface's receive queues.
     * @throws SettingsException naming the section's line when queue + workers passes the last queue.
     */
    static void checkQueues(final PortConfig port, final int workers, final int queues)
    {
        final int first = port.afxdp().queue();
        if (first + workers > queues)
        {
            throw new SettingsException(port.location(), port.role() + ": port = afxdp with workers = " + workers +
                " needs receive queues " + first + " to " + (first + workers - 1) + ", but " +
                port.interfaceName().orElseThrow() + " has " + queues + " (0 to " + (queues - 1) +
                "); lower workers or queue");
        }
    }
}
