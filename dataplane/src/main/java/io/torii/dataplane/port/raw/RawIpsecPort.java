package io.torii.dataplane.port.raw;

import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * A WAN port for ESP and AH straight over IP: two raw sockets on one address, one for protocol 50
 * and one for protocol 51, seen by the worker as one port. A raw socket receives only its own
 * protocol, so a gateway with AH SAs needs the second; AH cannot be UDP-encapsulated (RFC 3948
 * covers ESP only), so raw sockets are AH's only way in.
 *
 * <p>{@link #receive} asks both sockets, one {@code recvmmsg} each, taking turns at going first so
 * that a busy ESP socket cannot starve AH when the batch fills. {@link #transmit} gives each socket's
 * burst the whole batch: the AH socket sends the AH packets, the ESP socket everything else (and
 * counts what it cannot send, as a lone {@link RawEspPort} does).
 */
public final class RawIpsecPort implements PacketPort
{
    private final RawEspPort esp;
    private final RawEspPort ah;
    private final String name;
    private boolean ahFirst;

    /**
     * Opens both sockets.
     *
     * @param config where, in which namespace and with which buffers; its protocol is ignored.
     * @throws io.torii.nativeshim.PortException when the kernel refuses either socket.
     * @throws IllegalStateException when the native shim is unavailable.
     */
    public RawIpsecPort(final RawPortConfig config)
    {
        this.esp = new RawEspPort(withProtocol(config, IpProtocols.ESP), true);
        RawEspPort opened = null;
        try
        {
            opened = new RawEspPort(withProtocol(config, IpProtocols.AH), true);
        }
        finally
        {
            if (opened == null)
            {
                esp.close();
            }
        }
        this.ah = opened;
        final InetAddress local = config.local();
        final String host = local instanceof Inet6Address ? "[" + local.getHostAddress() + "]" : local.getHostAddress();
        this.name = "raw:esp+ah:" + host;
    }

    private static RawPortConfig withProtocol(final RawPortConfig config, final int protocol)
    {
        return new RawPortConfig(config.local(), protocol, config.receiveBufferBytes(), config.sendBufferBytes(),
            config.namespace());
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int receive(final PacketBatch batch)
    {
        ahFirst = !ahFirst;
        return ahFirst ? ah.receive(batch) + esp.receive(batch) : esp.receive(batch) + ah.receive(batch);
    }

    @Override
    public int transmit(final PacketBatch batch)
    {
        return esp.transmit(batch) + ah.transmit(batch);
    }

    @Override
    public long transmitDrops()
    {
        return esp.transmitDrops() + ah.transmitDrops();
    }

    @Override
    public long receiveDrops()
    {
        return esp.receiveDrops() + ah.receiveDrops();
    }

    /** @return the ESP socket, for its counters. */
    public RawEspPort espSocket()
    {
        return esp;
    }

    /** @return the AH socket, for its counters. */
    public RawEspPort ahSocket()
    {
        return ah;
    }

    @Override
    public void close()
    {
        esp.close();
        ah.close();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
