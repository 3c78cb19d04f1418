package io.torii.dataplane.worker;

import io.torii.dataplane.ah.AhDecapsulator;
import io.torii.dataplane.packet.IpProtocols;
import io.torii.dataplane.packet.Ipv4HeaderFlyweight;
import io.torii.dataplane.packet.Ipv6HeaderFlyweight;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;

/**
 * The worker's inbound AH stage (RFC 4302 §3.4): takes a burst's AH packets out of the ESP
 * decapsulator's way, then verifies and strips them with the {@link AhDecapsulator} (SPI lookup,
 * replay check, ICV, strip), leaving each one's SA for the inbound policy check.
 *
 * <p>A worker whose table holds no AH SA does nothing here, so ESP pays one branch per burst; AH
 * packets then reach the ESP decapsulator and end as {@link Disposition#NOT_IPSEC}. Otherwise AH
 * packets are recognised by the IPv4 protocol or IPv6 next header field (AH after IPv6 extension
 * headers is not recognised; raw sockets deliver none, the kernel having processed them). While the
 * ESP pass runs, AH packets wear {@link #SET_ASIDE}, which the ESP decapsulator skips as it skips
 * every packet that is not OK; no counter sees it.
 */
final class InboundAh
{
    /** The disposition AH packets wear while the ESP pass runs: any but OK, and never counted. */
    private static final Disposition SET_ASIDE = Disposition.NOT_IPSEC;

    private final SaTable table;
    private final AhDecapsulator decapsulator;
    private int[] setAside;
    private int count;

    /**
     * @param table the worker's SAs.
     * @param batchSize the largest burst.
     */
    InboundAh(final SaTable table, final int batchSize)
    {
        this.table = table;
        this.decapsulator = new AhDecapsulator(table);
        this.setAside = new int[batchSize];
    }

    /**
     * Marks the burst's OK AH packets {@link #SET_ASIDE}, when the worker holds AH SAs.
     *
     * @param batch the burst, before ESP decapsulation.
     * @return how many were set aside.
     */
    int setAside(final PacketBatch batch)
    {
        count = 0;
        if (!table.holdsAh())
        {
            return 0;
        }
        if (setAside.length < batch.size())
        {
            setAside = new int[batch.capacity()];
        }
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (batch.disposition(i) == Disposition.OK && isAh(batch, i))
            {
                batch.disposition(i, SET_ASIDE);
                setAside[count++] = i;
            }
        }
        return count;
    }

    /**
     * Verifies and strips the packets set aside, each ending with its own counted disposition.
     *
     * @param batch the burst, after ESP decapsulation.
     * @param saSlots written, for each AH packet, with the inbound SA it was found to belong to.
     */
    void process(final PacketBatch batch, final int[] saSlots)
    {
        for (int n = 0; n < count; n++)
        {
            final int index = setAside[n];
            batch.disposition(index, Disposition.OK);
            decapsulator.process(batch, index);
            saSlots[index] = decapsulator.lastSaSlot();
        }
        count = 0;
    }

    private static boolean isAh(final PacketBatch batch, final int index)
    {
        final int offset = batch.offset(index);
        final int length = batch.length(index);
        final int version = length < 1 ? 0 : (batch.buffer(index).getByte(offset) & 0xF0) >>> 4;
        final int protocolAt;
        if (version == 4 && length >= Ipv4HeaderFlyweight.MIN_LENGTH)
        {
            protocolAt = offset + Ipv4HeaderFlyweight.PROTOCOL_OFFSET;
        }
        else if (version == 6 && length >= Ipv6HeaderFlyweight.LENGTH)
        {
            protocolAt = offset + Ipv6HeaderFlyweight.NEXT_HEADER_OFFSET;
        }
        else
        {
            return false;
        }
        return (batch.buffer(index).getByte(protocolAt) & 0xFF) == IpProtocols.AH;
    }
}
