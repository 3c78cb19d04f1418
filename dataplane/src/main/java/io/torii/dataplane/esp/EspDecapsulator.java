package io.torii.dataplane.esp;

import io.torii.dataplane.crypto.EspCryptoJobs;
import io.torii.dataplane.crypto.EspTransform;
import io.torii.dataplane.packet.EspHeaderFlyweight;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.TunnelEcn;
import io.torii.dataplane.packet.UdpHeaderFlyweight;
import io.torii.dataplane.replay.EsnReconstruction;
import io.torii.dataplane.replay.ReplayWindow;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.nio.ByteOrder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Inbound ESP (RFC 4303 §3.4): finds each packet's SA by SPI, checks the replay window, verifies
 * the ICV, decrypts, checks the padding and strips ESP, in place.
 *
 * <p>Every packet of a batch is parsed and its SA found by SPI first, and the state of those SAs
 * loaded, so that with many SAs their cache misses overlap. Then the batch is worked in runs of
 * consecutive packets of one SA (or of SAs whose transforms batch together): each packet is checked
 * against the replay window, then the run's ICVs are verified and its payloads decrypted in one
 * call to the transform, then each verified packet is committed to the window and stripped. The
 * window only advances for packets whose ICV verified, so forged packets cannot move it, and the
 * commit re-checks, so a duplicate inside one run is still caught. ESP in UDP (RFC 3948) is
 * recognised by the UDP payload: a zero non-ESP marker means IKE and a single 0xFF byte a NAT
 * keepalive, both handed back as {@link Disposition#NOT_IPSEC}. Malformed packets end with a named
 * disposition and never disturb their neighbours in the batch.
 */
public final class EspDecapsulator
{
    private static final int MAX_TRANSPORT_HEADER = 512;
    private static final int NAT_KEEPALIVE = 0xFF;

    private final SaTable table;
    private final DispositionCounters counters;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final IpPacketParser outer = new IpPacketParser();
    private final IpPacketParser inner = new IpPacketParser();
    private final EspHeaderFlyweight esp = new EspHeaderFlyweight();
    private final byte[] headerScratch = new byte[MAX_TRANSPORT_HEADER];
    private final EspCryptoJobs jobs = new EspCryptoJobs();
    private final int[] headerEnds = new int[EspCryptoJobs.MAX_JOBS];
    private final int[] protocolFields = new int[EspCryptoJobs.MAX_JOBS];
    private final int[] outerTrafficClasses = new int[EspCryptoJobs.MAX_JOBS];
    private int runSlot = SaTable.NONE;
    private EspTransform runTransform;
    private boolean mixedRun;
    private final int[] jobSlots = new int[EspCryptoJobs.MAX_JOBS];
    private int okCount;
    private int[] packetSlots = new int[PacketBatch.DEFAULT_CAPACITY];
    private int[] espStarts = new int[PacketBatch.DEFAULT_CAPACITY];
    private int[] espEnds = new int[PacketBatch.DEFAULT_CAPACITY];
    private int[] outerHeaderEnds = new int[PacketBatch.DEFAULT_CAPACITY];
    private int[] outerProtocolFields = new int[PacketBatch.DEFAULT_CAPACITY];
    private int[] outerTrafficClassOf = new int[PacketBatch.DEFAULT_CAPACITY];
    private long warmSink;
    private int saSlot;

    /**
     * @param table the worker's SAs; inbound ESP SAs are looked up here by SPI.
     */
    public EspDecapsulator(final SaTable table)
    {
        this.table = table;
        this.counters = table.counters();
    }

    /**
     * Decapsulates every packet of the batch whose disposition is still OK.
     *
     * @param batch ESP packets, possibly for different SAs.
     * @return how many packets left OK: cleartext IP packets.
     */
    public int process(final PacketBatch batch)
    {
        okCount = 0;
        jobs.clear();
        runSlot = SaTable.NONE;
        if (packetSlots.length < batch.size())
        {
            grow(batch.capacity());
        }
        final int size = batch.size();
        for (int i = 0; i < size; i++)
        {
            saSlot = SaTable.NONE;
            packetSlots[i] = SaTable.NONE;
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            final Disposition located = locate(batch, i);
            packetSlots[i] = saSlot;
            if (located != Disposition.OK)
            {
                batch.disposition(i, located);
                counters.increment(saSlot, located);
            }
        }
        warm(batch);
        for (int i = 0; i < size; i++)
        {
            if (packetSlots[i] == SaTable.NONE || batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            saSlot = packetSlots[i];
            final Disposition disposition = checkAndQueue(batch, i);
            if (disposition != Disposition.OK)
            {
                batch.disposition(i, disposition);
                counters.increment(saSlot, disposition);
            }
        }
        finishRun(batch);
        return okCount;
    }

    /**
     * Loads the state of every SA the burst found before checking any packet: with many SAs each one's
     * runtime, window and key are cache misses, which overlap here instead of following one another.
     */
    private void warm(final PacketBatch batch)
    {
        long sink = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final int slot = packetSlots[i];
            if (slot != SaTable.NONE && (i == 0 || slot != packetSlots[i - 1]))
            {
                sink += table.warm(slot) + table.replayWindow(slot).highest();
            }
        }
        warmSink = sink;
    }

    private void grow(final int capacity)
    {
        packetSlots = new int[capacity];
        espStarts = new int[capacity];
        espEnds = new int[capacity];
        outerHeaderEnds = new int[capacity];
        outerProtocolFields = new int[capacity];
        outerTrafficClassOf = new int[capacity];
    }

    /**
     * @return the SA slot of the last packet looked up, or {@link SaTable#NONE}.
     */
    public int lastSaSlot()
    {
        return saSlot;
    }

    /**
     * @param index a packet of the batch last processed.
     * @return the inbound SA it was found to belong to, or {@link SaTable#NONE}: for the inbound
     *         policy check that follows decapsulation (RFC 4301 §5.2).
     */
    public int saSlotOf(final int index)
    {
        return packetSlots[index];
    }

    /** Parses a packet's outer headers and finds its SA by SPI, keeping what the checks after need. */
    private Disposition locate(final PacketBatch batch, final int index)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ipStart = batch.offset(index);
        final Disposition parsed = outer.parse(buffer, ipStart, batch.length(index));
        if (parsed != Disposition.OK)
        {
            return parsed;
        }
        if (outer.isFragment())
        {
            return Disposition.FRAGMENT;
        }
        int espStart = outer.headerEnd();
        int end = outer.packetEnd();
        if (outer.protocol() == IpProtocols.UDP)
        {
            if (end - espStart < UdpHeaderFlyweight.LENGTH)
            {
                return Disposition.TOO_SHORT;
            }
            final int udpLength = buffer.getShort(espStart + UdpHeaderFlyweight.LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) &
                0xFFFF;
            if (udpLength < UdpHeaderFlyweight.LENGTH || udpLength > end - espStart)
            {
                return Disposition.MALFORMED;
            }
            end = espStart + udpLength;
            espStart += UdpHeaderFlyweight.LENGTH;
            if (end - espStart == 1 && (buffer.getByte(espStart) & 0xFF) == NAT_KEEPALIVE)
            {
                return Disposition.NOT_IPSEC;
            }
            if (end - espStart >= 4 && buffer.getInt(espStart) == 0)
            {
                return Disposition.NOT_IPSEC;
            }
        }
        else if (outer.protocol() != IpProtocols.ESP)
        {
            return Disposition.NOT_IPSEC;
        }
        if (end - espStart < EspHeaderFlyweight.HEADER_LENGTH)
        {
            return Disposition.TOO_SHORT;
        }
        esp.wrap(buffer, espStart);
        saSlot = table.findInbound(IpProtocols.ESP, esp.spi());
        if (saSlot == SaTable.NONE)
        {
            return Disposition.NO_SA;
        }
        espStarts[index] = espStart;
        espEnds[index] = end;
        outerHeaderEnds[index] = outer.headerEnd();
        outerProtocolFields[index] = outer.protocolFieldIndex();
        outerTrafficClassOf[index] = outer.trafficClass();
        return Disposition.OK;
    }

    private Disposition checkAndQueue(final PacketBatch batch, final int index)
    {
        final int espStart = espStarts[index];
        final int end = espEnds[index];
        esp.wrap(batch.buffer(index), espStart);
        final SaRuntimeFlyweight rt = table.runtime(saSlot, runtime);
        if (rt.has(SaRuntimeFlyweight.FLAG_EXPIRED))
        {
            return Disposition.SA_EXPIRED;
        }
        final int payloadStart = espStart + EspHeaderFlyweight.HEADER_LENGTH + rt.ivLength();
        final int trailerEnd = end - rt.icvLength();
        if (trailerEnd - payloadStart < EspHeaderFlyweight.TRAILER_LENGTH)
        {
            return Disposition.TOO_SHORT;
        }
        // Block ciphers cannot decrypt a partial block; stream and combined modes only need the
        // 4-byte alignment the sender should keep, which Torii does not insist on.
        final int blockSize = rt.blockSize();
        if (blockSize > 4 && (trailerEnd - payloadStart) % blockSize != 0)
        {
            return Disposition.MALFORMED;
        }
        final boolean esn = rt.has(SaRuntimeFlyweight.FLAG_ESN);
        final ReplayWindow window = table.replayWindow(saSlot);
        final int sequenceLow = esp.sequence();
        final long sequence = esn ? EsnReconstruction.infer(sequenceLow, window.highest(), rt.replayWindow()) :
            sequenceLow & 0xFFFF_FFFFL;
        final int replay = window.check(sequence);
        if (replay != ReplayWindow.OK)
        {
            return ReplayWindow.disposition(replay);
        }
        final EspTransform transform = table.espTransform(saSlot);
        if (jobs.count() > 0 && (jobs.isFull() || saSlot != runSlot && !runTransform.batchesWith(transform)))
        {
            finishRun(batch);
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
        final int job = jobs.add(batch.byteBuffer(index), batch.address(index), index, espStart, trailerEnd, sequence);
        jobs.owner(job, transform, esn);
        jobSlots[job] = saSlot;
        headerEnds[job] = outerHeaderEnds[index];
        protocolFields[job] = outerProtocolFields[index];
        outerTrafficClasses[job] = outerTrafficClassOf[index];
        return Disposition.OK;
    }

    /**
     * Verifies and decrypts the queued run in one call (one for the packets of several SAs when their
     * transforms batch with each other), then commits and strips each packet under its own SA.
     */
    private void finishRun(final PacketBatch batch)
    {
        final int count = jobs.count();
        if (count == 0)
        {
            return;
        }
        if (mixedRun)
        {
            runTransform.openEach(jobs);
        }
        else
        {
            runTransform.openAll(jobs, jobs.esn(0));
        }
        for (int job = 0; job < count; job++)
        {
            final int slot = jobSlots[job];
            final SaRuntimeFlyweight rt = table.runtime(slot, runtime);
            final ReplayWindow window = table.replayWindow(slot);
            final int index = jobs.tag(job);
            Disposition disposition = Disposition.ICV_FAILURE;
            if (jobs.verified(job))
            {
                final int replay = window.checkAndCommit(jobs.sequence(job));
                disposition = replay == ReplayWindow.OK ? strip(batch, index, job, rt) : ReplayWindow.disposition(replay);
                rt.sequence(window.highest());
            }
            batch.disposition(index, disposition);
            counters.increment(slot, disposition);
            okCount += disposition == Disposition.OK ? 1 : 0;
        }
        jobs.clear();
        runTransform = null;
    }

    private Disposition strip(final PacketBatch batch, final int index, final int job, final SaRuntimeFlyweight rt)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int trailerEnd = jobs.trailerEnd(job);
        final int payloadStart = jobs.espOffset(job) + EspHeaderFlyweight.HEADER_LENGTH + rt.ivLength();
        final int padLength = buffer.getByte(trailerEnd - 2) & 0xFF;
        final int nextHeader = buffer.getByte(trailerEnd - 1) & 0xFF;
        final int dataEnd = trailerEnd - EspHeaderFlyweight.TRAILER_LENGTH - padLength;
        if (dataEnd < payloadStart || !EspPadding.isValid(buffer, dataEnd, padLength))
        {
            return Disposition.BAD_PADDING;
        }
        if (nextHeader == IpProtocols.NO_NEXT_HEADER)
        {
            return Disposition.DUMMY;
        }
        return rt.has(SaRuntimeFlyweight.FLAG_TUNNEL) ?
            stripTunnel(batch, index, payloadStart, dataEnd, nextHeader, outerTrafficClasses[job]) :
            stripTransport(batch, index, payloadStart, dataEnd, nextHeader, job);
    }

    private Disposition stripTunnel(final PacketBatch batch, final int index, final int payloadStart,
        final int dataEnd, final int nextHeader, final int outerTrafficClass)
    {
        if (nextHeader != IpProtocols.IPV4 && nextHeader != IpProtocols.IPV6)
        {
            return Disposition.UNSUPPORTED;
        }
        final UnsafeBuffer buffer = batch.buffer(index);
        final Disposition parsed = inner.parse(buffer, payloadStart, dataEnd - payloadStart);
        if (parsed != Disposition.OK || inner.version() != (nextHeader == IpProtocols.IPV4 ? 4 : 6))
        {
            return Disposition.MALFORMED;
        }
        final int trafficClass = TunnelEcn.innerOnDecapsulation(outerTrafficClass, inner.trafficClass());
        if (trafficClass != inner.trafficClass())
        {
            IpLengths.trafficClass(buffer, payloadStart, trafficClass);
            if (inner.version() == 4)
            {
                IpLengths.updateIpv4Checksum(buffer, payloadStart);
            }
        }
        // The inner IP length, not the ESP payload, bounds the packet: TFC padding falls away here.
        batch.bounds(index, payloadStart, inner.packetEnd() - payloadStart);
        return Disposition.OK;
    }

    private Disposition stripTransport(final PacketBatch batch, final int index, final int payloadStart,
        final int dataEnd, final int nextHeader, final int job)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ipStart = batch.offset(index);
        final int headerLength = headerEnds[job] - ipStart;
        if (headerLength > MAX_TRANSPORT_HEADER)
        {
            return Disposition.UNSUPPORTED;
        }
        final int newStart = payloadStart - headerLength;
        final int protocolField = protocolFields[job] - ipStart + newStart;
        buffer.getBytes(ipStart, headerScratch, 0, headerLength);
        buffer.putBytes(newStart, headerScratch, 0, headerLength);
        buffer.putByte(protocolField, (byte)nextHeader);
        IpLengths.update(buffer, newStart, dataEnd - newStart);
        batch.bounds(index, newStart, dataEnd - newStart);
        return Disposition.OK;
    }
}
