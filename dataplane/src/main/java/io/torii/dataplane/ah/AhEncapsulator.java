package io.torii.dataplane.ah;

import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.dataplane.packet.AhHeaderFlyweight;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.TunnelEcn;
import io.torii.dataplane.sadb.OuterHeaders;
import io.torii.dataplane.sadb.OutboundSequencing;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Outbound AH (RFC 4302 §3.3): inserts an AH header after the IP header (transport) or between a
 * new outer header and the packet (tunnel), and computes the ICV over the immutable parts of the
 * whole packet. Mutable IP fields are zeroed for the computation and put back afterwards.
 */
public final class AhEncapsulator
{
    private static final int MAX_TRANSPORT_HEADER = 512;
    private static final int MAX_IP_PACKET = 65535;

    private final SaTable table;
    private final SaEventListener events;
    private final DispositionCounters counters;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final IpPacketParser parser = new IpPacketParser();
    private final AhHeaderFlyweight ah = new AhHeaderFlyweight();
    private final MutableFieldsSave save = new MutableFieldsSave();
    private final byte[] headerScratch = new byte[MAX_TRANSPORT_HEADER];

    /**
     * @param table the worker's SAs.
     * @param events told when an SA needs rekeying or has run out of sequence numbers.
     */
    public AhEncapsulator(final SaTable table, final SaEventListener events)
    {
        this.table = table;
        this.events = events;
        this.counters = table.counters();
    }

    /**
     * Protects every packet of the batch whose disposition is still OK.
     *
     * @param batch the packets, all for the SA in {@code saSlot}.
     * @param saSlot the outbound AH SA's slot.
     * @return how many packets left OK.
     */
    public int process(final PacketBatch batch, final int saSlot)
    {
        int ok = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            final Disposition disposition = encapsulate(batch, i, saSlot);
            batch.disposition(i, disposition);
            counters.increment(saSlot, disposition);
            ok += disposition == Disposition.OK ? 1 : 0;
        }
        return ok;
    }

    /**
     * Protects every packet of the batch whose disposition is still OK and that has an SA, each
     * with its own, as a policy lookup assigns them: the worker's outbound stage for AH SAs.
     *
     * @param batch the packets.
     * @param saSlots for each packet of the batch, the outbound AH SA's slot, or {@link SaTable#NONE}
     *        to leave the packet as it is.
     * @return how many packets were protected and left OK.
     */
    public int process(final PacketBatch batch, final int[] saSlots)
    {
        int ok = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final int saSlot = saSlots[i];
            if (batch.disposition(i) != Disposition.OK || saSlot == SaTable.NONE)
            {
                continue;
            }
            final Disposition disposition = encapsulate(batch, i, saSlot);
            batch.disposition(i, disposition);
            counters.increment(saSlot, disposition);
            ok += disposition == Disposition.OK ? 1 : 0;
        }
        return ok;
    }

    private Disposition encapsulate(final PacketBatch batch, final int index, final int saSlot)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ipStart = batch.offset(index);
        final Disposition parsed = parser.parse(buffer, ipStart, batch.length(index));
        if (parsed != Disposition.OK)
        {
            return parsed;
        }
        final SaRuntimeFlyweight rt = table.runtime(saSlot, runtime);
        if (rt.has(SaRuntimeFlyweight.FLAG_EXPIRED))
        {
            return Disposition.SA_EXPIRED;
        }
        final boolean tunnel = rt.has(SaRuntimeFlyweight.FLAG_TUNNEL);
        if (!tunnel && parser.isFragment())
        {
            return Disposition.FRAGMENT;
        }
        final boolean ipv6 = tunnel ? rt.has(SaRuntimeFlyweight.FLAG_OUTER_IPV6) : parser.version() == 6;
        final int ahLength = AhHeaderFlyweight.lengthFor(rt.icvLength(), ipv6);
        final int end = parser.packetEnd();
        final int headerLength = tunnel ? rt.outerHeaderLength() : parser.headerEnd() - ipStart;
        final int newStart = ipStart - ahLength - (tunnel ? headerLength : 0);
        if (newStart < 0 || end - newStart > MAX_IP_PACKET || headerLength > MAX_TRANSPORT_HEADER)
        {
            return Disposition.TOO_BIG;
        }
        final long sequence = OutboundSequencing.next(rt, saSlot, events);
        if (sequence == OutboundSequencing.EXHAUSTED)
        {
            return Disposition.SEQUENCE_EXHAUSTED;
        }
        final int ahStart = newStart + headerLength;
        final int nextHeader;
        if (tunnel)
        {
            final boolean innerIpv4 = parser.version() == 4;
            nextHeader = innerIpv4 ? IpProtocols.IPV4 : IpProtocols.IPV6;
            final boolean dontFragment = innerIpv4 && (buffer.getShort(ipStart +
                Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) & Ipv4HeaderFlyweight.DONT_FRAGMENT) != 0;
            OuterHeaders.writeTunnel(buffer, newStart, end, rt, TunnelEcn.outerOnEncapsulation(parser.trafficClass()),
                dontFragment);
        }
        else
        {
            nextHeader = parser.protocol();
            final int protocolField = parser.protocolFieldIndex() - ahLength;
            buffer.getBytes(ipStart, headerScratch, 0, headerLength);
            buffer.putBytes(newStart, headerScratch, 0, headerLength);
            buffer.putByte(protocolField, (byte)IpProtocols.AH);
            IpLengths.update(buffer, newStart, end - newStart);
        }
        if (!ipv6)
        {
            keepIdentification(buffer, newStart, rt);
        }
        ah.wrap(buffer, ahStart).nextHeader(nextHeader).headerLength(ahLength).reserved(0).spi(rt.spi())
            .sequence((int)sequence);
        buffer.setMemory(ahStart + AhHeaderFlyweight.ICV_OFFSET, ahLength - AhHeaderFlyweight.ICV_OFFSET, (byte)0);

        final ByteBuffer bytes = batch.byteBuffer(index);
        final int status = AhMutableFields.zero(bytes, newStart, ahStart, save);
        if (status != AhMutableFields.OK)
        {
            return AhMutableFields.disposition(status);
        }
        final IntegrityTransform integrity = table.integrityTransform(saSlot);
        integrity.sign(bytes, newStart, end, rt.has(SaRuntimeFlyweight.FLAG_ESN), (int)(sequence >>> 32), bytes,
            ahStart + AhHeaderFlyweight.ICV_OFFSET);
        AhMutableFields.restore(bytes, save);
        batch.bounds(index, newStart, end - newStart);
        return Disposition.OK;
    }

    /**
     * The IPv4 identification is immutable for AH (RFC 4302 §3.3.3.1.1.1), but a raw socket's kernel
     * replaces a zero one on packets that may be fragmented (IP_HDRINCL fills it in), which would break
     * the ICV: such a packet gets a non-zero one before the ICV is computed.
     */
    private static void keepIdentification(final UnsafeBuffer buffer, final int ipStart, final SaRuntimeFlyweight rt)
    {
        final int identificationAt = ipStart + Ipv4HeaderFlyweight.IDENTIFICATION_OFFSET;
        final boolean dontFragment = (buffer.getShort(ipStart + Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET,
            ByteOrder.BIG_ENDIAN) & Ipv4HeaderFlyweight.DONT_FRAGMENT) != 0;
        if (!dontFragment && buffer.getShort(identificationAt) == 0)
        {
            final int identification = rt.nextIpv4Identification();
            buffer.putShort(identificationAt, (short)(identification == 0 ? 1 : identification), ByteOrder.BIG_ENDIAN);
            IpLengths.updateIpv4Checksum(buffer, ipStart);
        }
    }
}
