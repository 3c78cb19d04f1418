package io.torii.dataplane.pcap;

import java.io.ByteArrayOutputStream;

/**
 * Builds the packets and frames the tests feed through the reader and writer.
 */
final class TestFrames
{
    private TestFrames()
    {
    }

    /** @return an IPv4 packet (20-byte header, protocol UDP) with {@code payload} bytes after the header. */
    static byte[] ipv4(final int payload)
    {
        final byte[] packet = new byte[20 + payload];
        packet[0] = 0x45;
        putShort(packet, 2, packet.length);
        packet[8] = 64;
        packet[9] = 17;
        fill(packet, 12, 0x11);
        return packet;
    }

    /** @return an IPv6 packet (40-byte header, next header UDP) with {@code payload} bytes after the header. */
    static byte[] ipv6(final int payload)
    {
        final byte[] packet = new byte[40 + payload];
        packet[0] = 0x60;
        putShort(packet, 4, payload);
        packet[6] = 17;
        packet[7] = 64;
        fill(packet, 8, 0x66);
        return packet;
    }

    /** @return a 28-byte ARP request body. */
    static byte[] arp()
    {
        final byte[] body = new byte[28];
        putShort(body, 0, 1);
        putShort(body, 2, 0x0800);
        body[4] = 6;
        body[5] = 4;
        putShort(body, 6, 1);
        return body;
    }

    /**
     * @param types EtherTypes in order: VLAN tag types (0x8100, 0x88a8) first, then the payload's.
     * @return an Ethernet frame: MAC addresses, each tag with a TCI naming VLAN 100 plus its index, then the payload.
     */
    static byte[] ethernet(final byte[] payload, final int... types)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 12; i++)
        {
            out.write(i < 6 ? 0x02 : 0x04);
        }
        for (int i = 0; i < types.length; i++)
        {
            out.write(types[i] >>> 8);
            out.write(types[i]);
            if (i < types.length - 1)
            {
                out.write(0);
                out.write(100 + i);
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** @return a Linux cooked (SLL) frame: a 16-byte header with {@code protocol} at offset 14, then the payload. */
    static byte[] sll(final byte[] payload, final int protocol)
    {
        final byte[] frame = new byte[16 + payload.length];
        putShort(frame, 2, 1);
        putShort(frame, 4, 6);
        fill(frame, 6, 0x02);
        putShort(frame, 14, protocol);
        System.arraycopy(payload, 0, frame, 16, payload.length);
        return frame;
    }

    /** @return a Linux cooked v2 (SLL2) frame: a 20-byte header with {@code protocol} at offset 0, then the payload. */
    static byte[] sll2(final byte[] payload, final int protocol)
    {
        final byte[] frame = new byte[20 + payload.length];
        putShort(frame, 0, protocol);
        frame[7] = 3;
        putShort(frame, 8, 1);
        frame[11] = 6;
        System.arraycopy(payload, 0, frame, 20, payload.length);
        return frame;
    }

    /** @return {@code a} then {@code b}. */
    static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void putShort(final byte[] dst, final int at, final int value)
    {
        dst[at] = (byte)(value >>> 8);
        dst[at + 1] = (byte)value;
    }

    private static void fill(final byte[] dst, final int from, final int seed)
    {
        for (int i = from; i < dst.length; i++)
        {
            dst[i] = (byte)(seed + i);
        }
    }
}
