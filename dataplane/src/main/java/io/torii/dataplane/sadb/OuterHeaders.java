package io.torii.dataplane.sadb;

import io.torii.dataplane.packet.InternetChecksum;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6Checksums;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import java.nio.ByteOrder;
import org.agrona.MutableDirectBuffer;

/**
 * Puts an SA's prebuilt outer header (tunnel mode: IP, then UDP when encapsulated) in front of a
 * packet and fills in what changes per packet.
 */
public final class OuterHeaders
{
    private OuterHeaders()
    {
    }

    /**
     * Copies the template to {@code outerStart} and sets lengths, identification, DSCP/ECN and the
     * don't-fragment bit. Call {@link #finishUdp} once the payload is final.
     *
     * @param buffer the packet.
     * @param outerStart where the outer header goes.
     * @param end the index after the packet's last byte.
     * @param runtime the SA's runtime, holding the template.
     * @param trafficClass the outer traffic class (from the inner packet, RFC 4301 §5.1.2.1).
     * @param dontFragment whether to set DF on an outer IPv4 header (copied from an inner IPv4 one).
     */
    public static void writeTunnel(final MutableDirectBuffer buffer, final int outerStart, final int end,
        final SaRuntimeFlyweight runtime, final int trafficClass, final boolean dontFragment)
    {
        buffer.putBytes(outerStart, runtime.buffer(), runtime.templateIndex(), runtime.outerHeaderLength());
        final int length = end - outerStart;
        if (runtime.has(SaRuntimeFlyweight.FLAG_OUTER_IPV6))
        {
            IpLengths.trafficClass(buffer, outerStart, trafficClass);
            IpLengths.update(buffer, outerStart, length);
        }
        else
        {
            writeIpv4Fields(buffer, outerStart, length, runtime, trafficClass, dontFragment);
        }
        if (runtime.has(SaRuntimeFlyweight.FLAG_UDP_ENCAP))
        {
            final int udpStart = outerStart + ipHeaderLength(runtime);
            buffer.putShort(udpStart + UdpHeaderFlyweight.LENGTH_OFFSET, (short)(end - udpStart), ByteOrder.BIG_ENDIAN);
        }
    }

    /**
     * Fills in the per-packet fields of an outer IPv4 header just copied from the template, and its
     * checksum (RFC 1071). The checksum is summed from the template (written when the SA was installed)
     * and the new fields held in registers, never read back from the packet: loading words over bytes
     * and shorts stored a moment before defeats store forwarding, and cost more than the rest of the
     * header. The template holds zero in every field set here.
     */
    private static void writeIpv4Fields(final MutableDirectBuffer buffer, final int outerStart, final int length,
        final SaRuntimeFlyweight runtime, final int trafficClass, final boolean dontFragment)
    {
        final int identification = runtime.nextIpv4Identification();
        final int flags = dontFragment ? Ipv4HeaderFlyweight.DONT_FRAGMENT : 0;
        final int tos = trafficClass & 0xFF;
        final int template = runtime.templateIndex();
        long sum = tos + length + identification + flags;
        for (int i = 0; i < Ipv4HeaderFlyweight.MIN_LENGTH; i += Integer.BYTES)
        {
            sum += runtime.buffer().getInt(template + i, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
        }
        buffer.putByte(outerStart + Ipv4HeaderFlyweight.TOS_OFFSET, (byte)tos);
        buffer.putShort(outerStart + Ipv4HeaderFlyweight.TOTAL_LENGTH_OFFSET, (short)length, ByteOrder.BIG_ENDIAN);
        buffer.putShort(outerStart + Ipv4HeaderFlyweight.IDENTIFICATION_OFFSET, (short)identification,
            ByteOrder.BIG_ENDIAN);
        buffer.putShort(outerStart + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, (short)flags, ByteOrder.BIG_ENDIAN);
        buffer.putShort(outerStart + Ipv4HeaderFlyweight.CHECKSUM_OFFSET,
            (short)InternetChecksum.finish(fold(sum)), ByteOrder.BIG_ENDIAN);
    }

    private static int fold(final long sum)
    {
        long folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int)folded;
    }

    /**
     * Writes the SA's UDP header (transport mode with encapsulation) at {@code udpStart}.
     *
     * @param buffer the packet.
     * @param udpStart where the UDP header goes.
     * @param end the index after the packet's last byte.
     * @param runtime the SA's runtime; its template starts with the UDP header in transport mode.
     */
    public static void writeTransportUdp(final MutableDirectBuffer buffer, final int udpStart, final int end,
        final SaRuntimeFlyweight runtime)
    {
        buffer.putBytes(udpStart, runtime.buffer(), runtime.templateIndex(), UdpHeaderFlyweight.LENGTH);
        buffer.putShort(udpStart + UdpHeaderFlyweight.LENGTH_OFFSET, (short)(end - udpStart), ByteOrder.BIG_ENDIAN);
    }

    /**
     * Sets the UDP checksum once the datagram is final: zero over IPv4 (RFC 3948 §2.1), computed
     * over IPv6 (RFC 8200 §8.1).
     *
     * @param buffer the packet.
     * @param ipStart where the IP header carrying the UDP datagram starts.
     * @param udpStart where the UDP header starts.
     * @param end the index after the datagram's last byte.
     */
    public static void finishUdp(final MutableDirectBuffer buffer, final int ipStart, final int udpStart, final int end)
    {
        if ((buffer.getByte(ipStart) & 0xF0) == 0x60)
        {
            Ipv6Checksums.updateUdp(buffer, ipStart, udpStart, end - udpStart);
        }
        else
        {
            buffer.putShort(udpStart + UdpHeaderFlyweight.CHECKSUM_OFFSET, (short)0);
        }
    }

    /**
     * @param runtime an SA's runtime.
     * @return the length of its outer IP header in tunnel mode.
     */
    public static int ipHeaderLength(final SaRuntimeFlyweight runtime)
    {
        return runtime.has(SaRuntimeFlyweight.FLAG_OUTER_IPV6) ? Ipv6HeaderFlyweight.LENGTH :
            Ipv4HeaderFlyweight.MIN_LENGTH;
    }
}
