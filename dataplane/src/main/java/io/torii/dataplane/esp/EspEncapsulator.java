package io.torii.dataplane.esp;

import io.torii.dataplane.crypto.EspCryptoJobs;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.packet.EspHeaderFlyweight;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.TunnelEcn;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.dataplane.sadb.OuterHeaders;
import io.torii.dataplane.sadb.OutboundSequencing;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Outbound ESP (RFC 4303 §3.3): turns cleartext IP packets into ESP packets for one SA, in place.
 *
 * <p>Tunnel mode wraps the whole packet and prepends the SA's prebuilt outer header; transport
 * mode inserts ESP after the IP header (and the IPv6 extension headers that precede it). With UDP
 * encapsulation (RFC 3948) a UDP header goes in front of ESP. Headers, padding and sequence
 * numbers are written packet by packet, then the burst is sealed in one call to the transform
 * ({@link EspTransform#sealAll}, or {@link EspTransform#sealEach} when the burst mixes SAs of one
 * native engine), so a native engine crosses into C once per burst however many SAs it holds. Every packet
 * leaves with a {@link Disposition}, counted per SA; nothing is allocated per packet.
 */
public final class EspEncapsulator
{
    /** The largest IP header (with IPv6 extension headers) transport mode moves. */
    private static final int MAX_TRANSPORT_HEADER = 512;
    private static final int MAX_IP_PACKET = 65535;

    private final SaTable table;
    private final SaEventListener events;
    private final DispositionCounters counters;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final IpPacketParser parser = new IpPacketParser();
    private final EspHeaderFlyweight esp = new EspHeaderFlyweight();
    private final byte[] headerScratch = new byte[MAX_TRANSPORT_HEADER];
    private final EspCryptoJobs jobs = new EspCryptoJobs();
    private final int[] udpStarts = new int[EspCryptoJobs.MAX_JOBS];
    private final int[] jobSlots = new int[EspCryptoJobs.MAX_JOBS];
    private int runSlot = SaTable.NONE;
    private EspTransform runTransform;
    private EspTransform currentTransform;
    private boolean mixedRun;
    private long warmSink;
    private int[] sameSa = new int[PacketBatch.DEFAULT_CAPACITY];

    /**
     * @param table the worker's SAs.
     * @param events told when an SA needs rekeying or has run out of sequence numbers.
     */
    public EspEncapsulator(final SaTable table, final SaEventListener events)
    {
        this.table = table;
        this.events = events;
        this.counters = table.counters();
    }

    /**
     * Encapsulates every packet of the batch whose disposition is still OK.
     *
     * @param batch the packets, all for the SA in {@code saSlot}.
     * @param saSlot the outbound ESP SA's slot.
     * @return how many packets left OK.
     */
    public int process(final PacketBatch batch, final int saSlot)
    {
        if (sameSa.length < batch.size())
        {
            sameSa = new int[batch.capacity()];
        }
        Arrays.fill(sameSa, 0, batch.size(), saSlot);
        return process(batch, sameSa);
    }

    /**
     * Encapsulates every packet of the batch whose disposition is still OK, each with its own SA, as
     * a policy lookup assigns them. Consecutive packets of one SA are sealed in one call, and so are
     * consecutive packets of SAs whose transforms seal alongside each other (a native engine's).
     *
     * @param batch the packets.
     * @param saSlots for each packet of the batch, the outbound ESP SA's slot, or {@link SaTable#NONE} to
     *        leave the packet as it is.
     * @return how many packets were encapsulated and left OK.
     */
    public int process(final PacketBatch batch, final int[] saSlots)
    {
        int ok = 0;
        jobs.clear();
        long sink = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            // Each SA once per run: with many SAs every packet has its own, and its misses overlap here.
            if (saSlots[i] != SaTable.NONE && (i == 0 || saSlots[i] != saSlots[i - 1]))
            {
                sink += table.warm(saSlots[i]);
            }
        }
        warmSink = sink;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final int saSlot = saSlots[i];
            if (batch.disposition(i) != Disposition.OK || saSlot == SaTable.NONE)
            {
                continue;
            }
            final EspTransform transform = table.espTransform(saSlot);
            if (jobs.count() > 0 &&
                (jobs.isFull() || saSlot != runSlot && !runTransform.batchesWith(transform)))
            {
                ok += seal(batch);
            }
            if (jobs.count() == 0)
            {
                runSlot = saSlot;
                runTransform = transform;
                mixedRun = false;
            }
            else if (saSlot != runSlot)
            {
                mixedRun = true;
            }
            currentTransform = transform;
            final Disposition disposition = encapsulate(batch, i, saSlot);
            if (disposition != Disposition.OK)
            {
                batch.disposition(i, disposition);
                counters.increment(saSlot, disposition);
            }
        }
        ok += seal(batch);
        runTransform = null;
        currentTransform = null;
        return ok;
    }

    /**
     * Seals the queued packets in one call to the transform (one call for the packets of several SAs
     * when their transforms seal alongside each other), then finishes what depends on the ciphertext:
     * the UDP checksum over IPv6.
     */
    private int seal(final PacketBatch batch)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return 0;
        }
        if (mixedRun)
        {
            runTransform.sealEach(jobs);
        }
        else
        {
            runTransform.sealAll(jobs, jobs.esn(0));
        }
        for (int job = 0; job < count; job++)
        {
            final int index = jobs.tag(job);
            if (udpStarts[job] >= 0)
            {
                final int start = batch.offset(index);
                OuterHeaders.finishUdp(batch.buffer(index), start, udpStarts[job], start + batch.length(index));
            }
        }
        if (mixedRun)
        {
            for (int job = 0; job < count; job++)
            {
                counters.increment(jobSlots[job], Disposition.OK);
            }
        }
        else
        {
            counters.add(runSlot, Disposition.OK, count);
        }
        jobs.clear();
        return count;
    }

    private Disposition encapsulate(final PacketBatch batch, final int index, final int saSlot)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int offset = batch.offset(index);
        final Disposition parsed = parser.parse(buffer, offset, batch.length(index));
        if (parsed != Disposition.OK)
        {
            return parsed;
        }
        final SaRuntimeFlyweight rt = table.runtime(saSlot, runtime);
        if (rt.has(SaRuntimeFlyweight.FLAG_EXPIRED))
        {
            return Disposition.SA_EXPIRED;
        }
        return rt.has(SaRuntimeFlyweight.FLAG_TUNNEL) ?
            encapsulateTunnel(batch, index, saSlot, rt) : encapsulateTransport(batch, index, saSlot, rt);
    }

    private Disposition encapsulateTunnel(final PacketBatch batch, final int index, final int saSlot,
        final SaRuntimeFlyweight rt)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int payloadStart = batch.offset(index);
        final int innerLength = parser.packetEnd() - payloadStart;
        // TFC padding is optional (RFC 4303 §2.7): pad only as far as the largest packet allows, with room
        // for the worst-case ESP padding, so that a target beyond it never stops the SA from sending.
        final int overhead = rt.outerHeaderLength() + EspHeaderFlyweight.HEADER_LENGTH + rt.ivLength() +
            EspHeaderFlyweight.TRAILER_LENGTH + rt.icvLength();
        final int tfcRoom = batch.maxPacket() - overhead - (rt.blockSize() - 1) - innerLength;
        final int tfcLength = Math.max(0, Math.min(rt.tfcPadTo() - innerLength, tfcRoom));
        final int plainEnd = payloadStart + innerLength + tfcLength;
        final int padLength = EspPadding.length(innerLength + tfcLength, rt.blockSize());
        final int trailerEnd = plainEnd + padLength + EspHeaderFlyweight.TRAILER_LENGTH;
        final int end = trailerEnd + rt.icvLength();
        final int espStart = payloadStart - EspHeaderFlyweight.HEADER_LENGTH - rt.ivLength();
        final int outerStart = espStart - rt.outerHeaderLength();
        if (outerStart < 0 || end > batch.slotSize() || end - outerStart > MAX_IP_PACKET)
        {
            return Disposition.TOO_BIG;
        }
        final long sequence = OutboundSequencing.next(rt, saSlot, events);
        if (sequence == OutboundSequencing.EXHAUSTED)
        {
            return Disposition.SEQUENCE_EXHAUSTED;
        }
        final boolean innerIpv4 = parser.version() == 4;
        final boolean dontFragment = innerIpv4 && (buffer.getShort(payloadStart +
            Ipv4HeaderFlyweight.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) & Ipv4HeaderFlyweight.DONT_FRAGMENT) != 0;
        final int trafficClass = TunnelEcn.outerOnEncapsulation(parser.trafficClass());

        if (tfcLength > 0)
        {
            buffer.setMemory(payloadStart + innerLength, tfcLength, (byte)0);
        }
        writeTrailer(buffer, plainEnd, padLength, innerIpv4 ? IpProtocols.IPV4 : IpProtocols.IPV6);
        final int job = queue(batch, index, saSlot, rt, espStart, trailerEnd, sequence);

        OuterHeaders.writeTunnel(buffer, outerStart, end, rt, trafficClass, dontFragment);
        udpStarts[job] = rt.has(SaRuntimeFlyweight.FLAG_UDP_ENCAP) ? outerStart + OuterHeaders.ipHeaderLength(rt) : -1;
        batch.bounds(index, outerStart, end - outerStart);
        return Disposition.OK;
    }

    private Disposition encapsulateTransport(final PacketBatch batch, final int index, final int saSlot,
        final SaRuntimeFlyweight rt)
    {
        if (parser.isFragment())
        {
            return Disposition.FRAGMENT;
        }
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ipStart = batch.offset(index);
        final int headerLength = parser.headerEnd() - ipStart;
        if (headerLength > MAX_TRANSPORT_HEADER)
        {
            return Disposition.UNSUPPORTED;
        }
        final boolean udp = rt.has(SaRuntimeFlyweight.FLAG_UDP_ENCAP);
        final int insert = (udp ? UdpHeaderFlyweight.LENGTH : 0) + EspHeaderFlyweight.HEADER_LENGTH + rt.ivLength();
        final int payloadStart = parser.headerEnd();
        final int plainEnd = parser.packetEnd();
        final int padLength = EspPadding.length(plainEnd - payloadStart, rt.blockSize());
        final int trailerEnd = plainEnd + padLength + EspHeaderFlyweight.TRAILER_LENGTH;
        final int end = trailerEnd + rt.icvLength();
        final int newStart = ipStart - insert;
        if (newStart < 0 || end > batch.slotSize() || end - newStart > MAX_IP_PACKET)
        {
            return Disposition.TOO_BIG;
        }
        final long sequence = OutboundSequencing.next(rt, saSlot, events);
        if (sequence == OutboundSequencing.EXHAUSTED)
        {
            return Disposition.SEQUENCE_EXHAUSTED;
        }
        final int protocol = parser.protocol();
        final int protocolField = parser.protocolFieldIndex() - insert;
        buffer.getBytes(ipStart, headerScratch, 0, headerLength);
        buffer.putBytes(newStart, headerScratch, 0, headerLength);
        buffer.putByte(protocolField, (byte)(udp ? IpProtocols.UDP : IpProtocols.ESP));

        final int espStart = payloadStart - EspHeaderFlyweight.HEADER_LENGTH - rt.ivLength();
        writeTrailer(buffer, plainEnd, padLength, protocol);
        final int job = queue(batch, index, saSlot, rt, espStart, trailerEnd, sequence);

        IpLengths.update(buffer, newStart, end - newStart);
        udpStarts[job] = -1;
        if (udp)
        {
            final int udpStart = newStart + headerLength;
            OuterHeaders.writeTransportUdp(buffer, udpStart, end, rt);
            udpStarts[job] = udpStart;
        }
        batch.bounds(index, newStart, end - newStart);
        return Disposition.OK;
    }

    private static void writeTrailer(final UnsafeBuffer buffer, final int plainEnd, final int padLength,
        final int nextHeader)
    {
        EspPadding.write(buffer, plainEnd, padLength);
        buffer.putByte(plainEnd + padLength, (byte)padLength);
        buffer.putByte(plainEnd + padLength + 1, (byte)nextHeader);
    }

    private int queue(final PacketBatch batch, final int index, final int saSlot, final SaRuntimeFlyweight rt,
        final int espStart, final int trailerEnd, final long sequence)
    {
        esp.wrap(batch.buffer(index), espStart).spi(rt.spi()).sequence((int)sequence);
        final int job = jobs.add(batch.byteBuffer(index), batch.address(index), index, espStart, trailerEnd, sequence);
        jobs.owner(job, currentTransform, rt.has(SaRuntimeFlyweight.FLAG_ESN));
        jobSlots[job] = saSlot;
        return job;
    }
}
