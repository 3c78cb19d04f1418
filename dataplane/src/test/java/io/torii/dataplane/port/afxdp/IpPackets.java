package io.torii.dataplane.port.afxdp;

import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * IP packets and Ethernet frames for the AF_XDP tests, built byte by byte.
 */
public final class IpPackets
{
    /** IKE's port (RFC 7296 section 2). */
    public static final int IKE_PORT = 500;
    /** The NAT-T port (RFC 3948 section 2.1). */
    public static final int NAT_T_PORT = 4500;

    private IpPackets()
    {
    }

    /**
     * @param source source literal.
     * @param destination destination literal of the same family.
     * @param protocol the IP protocol or next header.
     * @param payload what follows the IP header.
     * @return an IPv4 packet (header checksum set, DF) or IPv6 packet.
     */
    public static byte[] ip(final String source, final String destination, final int protocol, final byte[] payload)
    {
        final byte[] src = Packets.address(source).getAddress();
        final byte[] dst = Packets.address(destination).getAddress();
        final boolean ipv6 = src.length == 16;
        final ByteBuffer packet = ByteBuffer.allocate((ipv6 ? 40 : 20) + payload.length);
        if (ipv6)
        {
            packet.putInt(0x6000_0000).putShort((short)payload.length).put((byte)protocol).put((byte)64).put(src)
                .put(dst);
        }
        else
        {
            packet.put((byte)0x45).put((byte)0).putShort((short)(20 + payload.length)).putShort((short)0x1234)
                .putShort((short)0x4000).put((byte)64).put((byte)protocol).putShort((short)0).put(src).put(dst);
            packet.putShort(10, (short)Packets.ipv4Checksum(packet.array()));
        }
        return packet.put(payload).array();
    }

    /** @return an ESP header (SPI, sequence number) and {@code body} (RFC 4303 section 2). */
    public static byte[] esp(final int spi, final int sequence, final int bodyLength)
    {
        final ByteBuffer esp = ByteBuffer.allocate(8 + bodyLength).putInt(spi).putInt(sequence);
        for (int i = 0; i < bodyLength; i++)
        {
            esp.put((byte)(spi + i));
        }
        return esp.array();
    }

    /** @return a UDP header and payload, checksum zero (legal over IPv4 only). */
    public static byte[] udp(final int sourcePort, final int destinationPort, final byte[] payload)
    {
        return ByteBuffer.allocate(8 + payload.length).putShort((short)sourcePort).putShort((short)destinationPort)
            .putShort((short)(8 + payload.length)).putShort((short)0).put(payload).array();
    }

    /** @return an Ethernet frame around an IP packet (RFC 894). */
    public static byte[] ethernet(final long destinationMac, final long sourceMac, final byte[] ip)
    {
        final ByteBuffer frame = ByteBuffer.allocate(14 + ip.length);
        frame.putShort((short)(destinationMac >>> 32)).putInt((int)destinationMac);
        frame.putShort((short)(sourceMac >>> 32)).putInt((int)sourceMac);
        frame.putShort((short)((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800));
        return frame.put(ip).array();
    }

    /** @return the frames as hex arguments for {@link #injectScript()}. */
    public static String hex(final byte[] frame)
    {
        return HexFormat.of().formatHex(frame);
    }

    /**
     * @return a Python program that sends each hex argument after the first (the interface) as one
     *         Ethernet frame through an AF_PACKET socket: the peer's NIC, as if from the wire.
     */
    public static String injectScript()
    {
        return "import socket, sys\n" +
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)\n" +
            "s.bind((sys.argv[1], 0))\n" +
            "for h in sys.argv[2:]:\n" +
            "    s.send(bytes.fromhex(h))\n";
    }
}
