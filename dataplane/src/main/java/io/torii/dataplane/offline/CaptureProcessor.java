package io.torii.dataplane.offline;

import io.torii.dataplane.ah.AhDecapsulator;
import io.torii.dataplane.ah.AhEncapsulator;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.esp.EspDecapsulator;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.IpPacketParser;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.pcap.LinkLayer;
import io.torii.dataplane.pcap.LinkType;
import io.torii.dataplane.pcap.PcapFrame;
import io.torii.dataplane.pcap.PcapReader;
import io.torii.dataplane.pcap.PcapWriter;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Applies SAs to every packet of a capture: the engine of {@code torii pcap encrypt|decrypt}.
 *
 * <p>Encrypting, each IP packet goes to the first SA in file order that takes it: a transport-mode
 * SA takes packets between exactly its two addresses, a tunnel-mode SA takes any packet. Decrypting,
 * ESP and AH packets find their SA by SPI, and packets that are not IPsec (IKE, keepalives, other
 * traffic) are copied unchanged. Frames that are not IP are copied unchanged too. Packets go
 * through the engine in batches, in capture order, exactly as a worker would process them.
 *
 * <p>The output keeps the input's link-layer headers (with the EtherType set for the new IP
 * version) when every frame has the same link type; otherwise, or for IPv4-only and IPv6-only link
 * types, it is raw IP.
 */
public final class CaptureProcessor implements AutoCloseable
{
    /** Which way to apply the SAs. */
    public enum Mode
    {
        /** Cleartext in, ESP/AH out. */
        ENCRYPT,
        /** ESP/AH in, cleartext out. */
        DECRYPT
    }

    private static final int BATCH = 32;
    private static final int MAX_LINK_HEADER = 64;
    private static final int ROUTE_NONE = -1;
    private static final int ROUTE_ESP = -2;
    private static final int ROUTE_AH = -3;

    private final Mode mode;
    private final SaTable table;
    private final int[] slots;
    private final EspEncapsulator espOut;
    private final AhEncapsulator ahOut;
    private final EspDecapsulator espIn;
    private final AhDecapsulator ahIn;
    private final PacketBatch batch = new PacketBatch(BATCH, PacketBatch.DEFAULT_MAX_PACKET);
    private final long[] timestamps = new long[BATCH];
    private final byte[][] linkHeaders = new byte[BATCH][MAX_LINK_HEADER];
    private final int[] linkHeaderLengths = new int[BATCH];
    private final byte[] packetScratch = new byte[PacketBatch.DEFAULT_MAX_PACKET + PacketBatch.TAILROOM +
        PacketBatch.HEADROOM];
    private final UnsafeBuffer frameView = new UnsafeBuffer(0, 0);
    private final IpPacketParser parser = new IpPacketParser();
    private final CaptureReport report = new CaptureReport();
    private PcapWriter writer;
    private int outputLinkType;
    private int pendingRoute = ROUTE_NONE;

    /**
     * @param mode encrypt or decrypt.
     * @param sas the SAs, installed outbound to encrypt or inbound to decrypt; their keys are zeroed on close.
     * @param engine the crypto engine.
     */
    public CaptureProcessor(final Mode mode, final List<SaConfig> sas, final CryptoEngine engine)
    {
        this.mode = mode;
        this.table = new SaTable(Math.max(1, sas.size()));
        this.slots = new int[sas.size()];
        final Direction direction = mode == Mode.ENCRYPT ? Direction.OUTBOUND : Direction.INBOUND;
        for (int i = 0; i < sas.size(); i++)
        {
            slots[i] = table.install(sas.get(i), direction, engine);
        }
        this.espOut = new EspEncapsulator(table, SaEventListener.NONE);
        this.ahOut = new AhEncapsulator(table, SaEventListener.NONE);
        this.espIn = new EspDecapsulator(table);
        this.ahIn = new AhDecapsulator(table);
    }

    /**
     * Reads {@code input}, applies the SAs and writes {@code output} as classic pcap.
     *
     * @param input a pcap or pcapng file.
     * @param output the file to write.
     * @return what happened, per disposition and per SA.
     * @throws IOException when a file cannot be read or written, or the input is not a capture.
     */
    public CaptureReport process(final Path input, final Path output) throws IOException
    {
        outputLinkType = outputLinkType(input);
        try (PcapReader reader = PcapReader.open(input); PcapWriter out = PcapWriter.open(output, outputLinkType))
        {
            writer = out;
            final PcapFrame frame = new PcapFrame();
            while (reader.next(frame))
            {
                report.frameRead();
                handle(frame);
            }
            flush();
        }
        finally
        {
            writer = null;
        }
        countPerSa();
        return report;
    }

    private static int outputLinkType(final Path input) throws IOException
    {
        int linkType = -1;
        try (PcapReader reader = PcapReader.open(input))
        {
            final PcapFrame frame = new PcapFrame();
            while (reader.next(frame))
            {
                if (linkType == -1)
                {
                    linkType = frame.linkType();
                }
                else if (linkType != frame.linkType())
                {
                    return LinkType.RAW;
                }
            }
        }
        return switch (linkType)
        {
            case LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2 -> linkType;
            default -> LinkType.RAW;
        };
    }

    private void handle(final PcapFrame frame) throws IOException
    {
        if (!frame.ipStatus().isIp())
        {
            flush();
            final boolean pass = frame.linkType() == outputLinkType;
            if (pass)
            {
                writer.write(frame);
                report.frameWritten();
            }
            report.notIp(pass);
            return;
        }
        final int route = route(frame);
        if (route == ROUTE_NONE)
        {
            flush();
            report.record(Disposition.NO_SA);
            return;
        }
        if (route != pendingRoute || batch.size() == batch.capacity())
        {
            flush();
        }
        pendingRoute = route;
        final int index = batch.add(frame.data(), frame.ipOffset(), frame.ipLength());
        if (index < 0)
        {
            report.record(Disposition.TOO_BIG);
            return;
        }
        timestamps[index] = frame.timestampNanos();
        final boolean keepHeader = outputLinkType == frame.linkType() && frame.ipOffset() <= MAX_LINK_HEADER;
        linkHeaderLengths[index] = keepHeader ? frame.ipOffset() : 0;
        System.arraycopy(frame.data(), 0, linkHeaders[index], 0, linkHeaderLengths[index]);
    }

    private int route(final PcapFrame frame)
    {
        frameView.wrap(frame.data(), frame.ipOffset(), frame.ipLength());
        if (mode == Mode.DECRYPT)
        {
            final boolean ah = parser.parse(frameView, 0, frame.ipLength()) == Disposition.OK &&
                parser.protocol() == IpProtocols.AH;
            return ah ? ROUTE_AH : ROUTE_ESP;
        }
        for (final int slot : slots)
        {
            final SaConfig sa = table.config(slot);
            if (sa.mode() == IpsecMode.TUNNEL || isBetween(frame, sa))
            {
                return slot;
            }
        }
        return ROUTE_NONE;
    }

    private boolean isBetween(final PcapFrame frame, final SaConfig sa)
    {
        final byte[] source = sa.source().getAddress();
        final byte[] destination = sa.destination().getAddress();
        final int version = frame.ipVersion();
        if (version != (source.length == 4 ? 4 : 6))
        {
            return false;
        }
        final int sourceAt = frame.ipOffset() +
            (version == 4 ? Ipv4HeaderFlyweight.SOURCE_OFFSET : Ipv6HeaderFlyweight.SOURCE_OFFSET);
        final int destinationAt = frame.ipOffset() +
            (version == 4 ? Ipv4HeaderFlyweight.DESTINATION_OFFSET : Ipv6HeaderFlyweight.DESTINATION_OFFSET);
        final byte[] data = frame.data();
        return Arrays.equals(data, sourceAt, sourceAt + source.length, source, 0, source.length) &&
            Arrays.equals(data, destinationAt, destinationAt + destination.length, destination, 0, destination.length);
    }

    private void flush() throws IOException
    {
        if (batch.size() == 0)
        {
            return;
        }
        switch (pendingRoute)
        {
            case ROUTE_ESP -> espIn.process(batch);
            case ROUTE_AH -> ahIn.process(batch);
            default ->
            {
                if (table.config(pendingRoute).protocol() == IpsecProtocol.ESP)
                {
                    espOut.process(batch, pendingRoute);
                }
                else
                {
                    ahOut.process(batch, pendingRoute);
                }
            }
        }
        for (int i = 0; i < batch.size(); i++)
        {
            final Disposition disposition = batch.disposition(i);
            report.record(disposition);
            if (disposition == Disposition.OK || disposition == Disposition.NOT_IPSEC)
            {
                write(i);
            }
        }
        batch.clear();
    }

    private void write(final int index) throws IOException
    {
        final int length = batch.length(index);
        batch.buffer(index).getBytes(batch.offset(index), packetScratch, 0, length);
        final int headerLength = linkHeaderLengths[index];
        if (headerLength > 0)
        {
            LinkLayer.setIpVersion(outputLinkType, linkHeaders[index], headerLength, (packetScratch[0] & 0xF0) >>> 4);
        }
        writer.write(timestamps[index], linkHeaders[index], headerLength, packetScratch, 0, length);
        report.frameWritten();
    }

    private void countPerSa()
    {
        for (final int slot : slots)
        {
            final SaConfig sa = table.config(slot);
            for (final Disposition disposition : Disposition.values())
            {
                final long count = table.counters().count(slot, disposition);
                if (count > 0)
                {
                    report.countSa(sa, disposition, count);
                }
            }
        }
    }

    /** Removes every SA, zeroing its keys. */
    @Override
    public void close()
    {
        table.close();
    }
}
