package io.torii.dataplane.worker;

import io.torii.dataplane.config.PortConfig;
import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.port.raw.RawIpsecPort;
import io.torii.dataplane.port.raw.RawPortConfig;
import io.torii.dataplane.port.tun.TunConfig;
import io.torii.dataplane.port.tun.TunPort;
import io.torii.dataplane.port.udp.UdpEspPort;
import io.torii.dataplane.port.udp.UdpPortConfig;

/**
 * Opens one port per worker for a side of the dataplane, as its configuration says.
 *
 * <p>With several workers, a TUN device gets one queue per worker (the kernel spreads flows over
 * them), and a UDP port one socket per worker on the same address and port (SO_REUSEADDR: the
 * kernel delivers each datagram to one of them); packets that reach the wrong worker are handed to
 * their owner. An AF_XDP port gets one socket per worker, on consecutive receive queues; a DPDK port one queue pair
 * per worker on one device. Raw sockets
 * would each receive a copy of every packet, so they serve one worker only; a raw WAN port is a pair of
 * them, for ESP (protocol 50) and AH (51), since AH has no other way in.
 */
public final class Ports
{
    private Ports()
    {
    }

    /**
     * @param port the side's configuration.
     * @param workers how many workers.
     * @return one port per worker; on failure, the ports already opened are closed.
     * @throws SettingsException naming the configuration's line when the kind is unusable.
     */
    public static PacketPort[] open(final PortConfig port, final int workers)
    {
        return open(port, workers, 0);
    }

    /**
     * @param port the side's configuration.
     * @param workers how many workers.
     * @param ringSize descriptors per queue for AF_XDP (UMEM frames) and DPDK ports; 0 for their defaults.
     * @return one port per worker; on failure, the ports already opened are closed.
     * @throws SettingsException naming the configuration's line when the kind is unusable.
     */
    public static PacketPort[] open(final PortConfig port, final int workers, final int ringSize)
    {
        if (port.kind().equals("raw") && workers > 1)
        {
            throw new SettingsException(port.location(), port.role() + ": port = raw serves one worker (each raw " +
                "socket receives a copy of every packet); use port = udp or workers = 1");
        }
        if (port.kind().equals("afxdp"))
        {
            return AfXdpPorts.open(port, workers, ringSize);
        }
        if (port.kind().equals("dpdk"))
        {
            return DpdkPorts.open(port, workers, ringSize);
        }
        if (port.kind().equals("tun"))
        {
            final TunConfig tun = TunConfig.of(port.interfaceName().orElseThrow()).withMtu(port.mtu()).withUp(true);
            return workers == 1 ? new PacketPort[] {new TunPort(tun)} :
                TunPort.openQueues(tun.withMultiQueue(true), workers);
        }
        final PacketPort[] ports = new PacketPort[workers];
        try
        {
            for (int i = 0; i < workers; i++)
            {
                ports[i] = port.kind().equals("udp") ?
                    new UdpEspPort(UdpPortConfig.of(port.address().orElseThrow()).withPort(port.udpPort())
                        .withReuseAddress(workers > 1)) :
                    new RawIpsecPort(RawPortConfig.of(port.address().orElseThrow(), IpProtocols.ESP));
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
