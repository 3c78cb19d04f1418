package io.torii.dataplane.ah;

import io.torii.dataplane.crypto.IntegrityTransform;
import io.torii.dataplane.packet.AhHeaderFlyweight;
import io.torii.dataplane.packet.IpLengths;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.packet.TunnelEcn;
import io.torii.dataplane.replay.EsnReconstruction;
import io.torii.dataplane.replay.ReplayWindow;
import io.torii.dataplane.sadb.SaRuntimeFlyweight;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.nio.ByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Inbound AH (RFC 4302 §3.4): finds the SA by SPI, checks the replay window, verifies the ICV
 * over the packet's immutable fields, and strips AH (and, in tunnel mode, the outer header).
 */
public final class AhDecapsulator
{
    private static final int MAX_TRANSPORT_HEADER = 512;
    private static final int MAX_ICV = 64;

    private final SaTable table;
    private final DispositionCounters counters;
    private final SaRuntimeFlyweight runtime = new SaRuntimeFlyweight();
    private final IpPacketParser outer = new IpPacketParser();
    private final IpPacketParser inner = new IpPacketParser();
    private final AhHeaderFlyweight ah = new AhHeaderFlyweight();
    private final MutableFieldsSave save = new MutableFieldsSave();
    private final ByteBuffer receivedIcv = ByteBuffer.allocateDirect(MAX_ICV);
    private final byte[] headerScratch = new byte[MAX_TRANSPORT_HEADER];
    private int saSlot;

    /**
     * @param table the worker's SAs; inbound AH SAs are looked up here by SPI.
     */
    public AhDecapsulator(final SaTable table)
    {
        this.table = table;
        this.counters = table.counters();
    }

    /**
     * Verifies and strips every packet of the batch whose disposition is still OK.
     *
     * @param batch AH packets, possibly for different SAs.
     * @return how many packets left OK.
     */
    public int process(final PacketBatch batch)
    {
        int ok = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            ok += process(batch, i) == Disposition.OK ? 1 : 0;
        }
        return ok;
    }

    /**
     * Verifies and strips one packet, whose disposition must be OK, and counts the outcome: for a
     * worker whose burst mixes AH with ESP. {@link #lastSaSlot()} then names its SA.
     *
     * @param batch the packets.
     * @param index the AH packet.
     * @return the disposition the packet was given.
     */
    public Disposition process(final PacketBatch batch, final int index)
    {
        saSlot = SaTable.NONE;
        final Disposition disposition = decapsulate(batch, index);
        batch.disposition(index, disposition);
        counters.increment(saSlot, disposition);
        return disposition;
    }

    /** @return the SA slot of the last packet processed, or {@link SaTable#NONE}. */
    public int lastSaSlot()
    {
        return saSlot;
    }

    private Disposition decapsulate(final PacketBatch batch, final int index)
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
        if (outer.protocol() != IpProtocols.AH)
        {
            return Disposition.NOT_IPSEC;
        }
        final int ahStart = outer.headerEnd();
        final int end = outer.packetEnd();
        if (end - ahStart < AhHeaderFlyweight.FIXED_LENGTH)
        {
            return Disposition.TOO_SHORT;
        }
        ah.wrap(buffer, ahStart);
        saSlot = table.findInbound(IpProtocols.AH, ah.spi());
        if (saSlot == SaTable.NONE)
        {
            return Disposition.NO_SA;
        }
        final SaRuntimeFlyweight rt = table.runtime(saSlot, runtime);
        if (rt.has(SaRuntimeFlyweight.FLAG_EXPIRED))
        {
            return Disposition.SA_EXPIRED;
        }
        final int icvLength = rt.icvLength();
        final int ahLength = ah.headerLength();
        if (ahLength < AhHeaderFlyweight.FIXED_LENGTH + icvLength || ahStart + ahLength > end)
        {
            return Disposition.MALFORMED;
        }
        final boolean esn = rt.has(SaRuntimeFlyweight.FLAG_ESN);
        final ReplayWindow window = table.replayWindow(saSlot);
        final long sequence = esn ? EsnReconstruction.infer(ah.sequence(), window.highest(), rt.replayWindow()) :
            ah.sequence() & 0xFFFF_FFFFL;
        final int replay = window.check(sequence);
        if (replay != ReplayWindow.OK)
        {
            return replay == ReplayWindow.DUPLICATE ? Disposition.REPLAY : Disposition.OUTSIDE_WINDOW;
        }
        final Disposition verified = verify(batch, index, ahStart, end, icvLength, esn, sequence);
        if (verified != Disposition.OK)
        {
            return verified;
        }
        window.commit(sequence);
        rt.sequence(window.highest());
        final int nextHeader = ah.nextHeader();
        return rt.has(SaRuntimeFlyweight.FLAG_TUNNEL) ?
            stripTunnel(batch, index, ahStart + ahLength, end, nextHeader) :
            stripTransport(batch, index, ahLength, end, nextHeader);
    }

    private Disposition verify(final PacketBatch batch, final int index, final int ahStart, final int end,
        final int icvLength, final boolean esn, final long sequence)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final ByteBuffer bytes = batch.byteBuffer(index);
        final int icvStart = ahStart + AhHeaderFlyweight.ICV_OFFSET;
        buffer.getBytes(icvStart, receivedIcv, 0, icvLength);
        // Only the ICV is zeroed: the padding after it is covered as sent (RFC 4302 §3.4.4).
        buffer.setMemory(icvStart, icvLength, (byte)0);
        final int status = AhMutableFields.zero(bytes, batch.offset(index), ahStart, save);
        if (status != AhMutableFields.OK)
        {
            return AhMutableFields.disposition(status);
        }
        final IntegrityTransform integrity = table.integrityTransform(saSlot);
        final boolean valid = integrity.verify(bytes, batch.offset(index), end, esn, (int)(sequence >>> 32),
            receivedIcv, 0);
        AhMutableFields.restore(bytes, save);
        return valid ? Disposition.OK : Disposition.ICV_FAILURE;
    }

    private Disposition stripTunnel(final PacketBatch batch, final int index, final int innerStart, final int end,
        final int nextHeader)
    {
        if (nextHeader != IpProtocols.IPV4 && nextHeader != IpProtocols.IPV6)
        {
            return Disposition.UNSUPPORTED;
        }
        final UnsafeBuffer buffer = batch.buffer(index);
        final Disposition parsed = inner.parse(buffer, innerStart, end - innerStart);
        if (parsed != Disposition.OK || inner.version() != (nextHeader == IpProtocols.IPV4 ? 4 : 6))
        {
            return Disposition.MALFORMED;
        }
        final int trafficClass = TunnelEcn.innerOnDecapsulation(outer.trafficClass(), inner.trafficClass());
        if (trafficClass != inner.trafficClass())
        {
            IpLengths.trafficClass(buffer, innerStart, trafficClass);
            if (inner.version() == 4)
            {
                IpLengths.updateIpv4Checksum(buffer, innerStart);
            }
        }
        batch.bounds(index, innerStart, inner.packetEnd() - innerStart);
        return Disposition.OK;
    }

    private Disposition stripTransport(final PacketBatch batch, final int index, final int ahLength, final int end,
        final int nextHeader)
    {
        final UnsafeBuffer buffer = batch.buffer(index);
        final int ipStart = batch.offset(index);
        final int headerLength = outer.headerEnd() - ipStart;
        if (headerLength > MAX_TRANSPORT_HEADER)
        {
            return Disposition.UNSUPPORTED;
        }
        final int newStart = ipStart + ahLength;
        buffer.getBytes(ipStart, headerScratch, 0, headerLength);
        buffer.putBytes(newStart, headerScratch, 0, headerLength);
        buffer.putByte(outer.protocolFieldIndex() + ahLength, (byte)nextHeader);
        IpLengths.update(buffer, newStart, end - newStart);
        batch.bounds(index, newStart, end - newStart);
        return Disposition.OK;
    }
}
