package io.torii.dataplane.worker;

import io.torii.dataplane.ah.AhEncapsulator;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;

/**
 * The worker's outbound IPsec stage: each packet the policy lookup gave an SA is protected with that
 * SA's protocol, ESP (RFC 4303) or AH (RFC 4302).
 *
 * <p>A worker whose table holds no AH SA hands the whole burst to the ESP encapsulator as it is, so
 * ESP pays one branch per burst for AH. Otherwise the burst's SA slots are split in two passes, the
 * ESP one first (its packets are sealed in runs, one crypto call each) and the AH one second; each
 * packet is touched by one of them only.
 */
final class OutboundByProtocol
{
    private final SaTable table;
    private final EspEncapsulator esp;
    private final AhEncapsulator ah;
    private int[] espSlots;
    private int[] ahSlots;

    /**
     * @param table the worker's SAs.
     * @param events told when an SA needs rekeying or has run out of sequence numbers.
     * @param batchSize the largest burst.
     */
    OutboundByProtocol(final SaTable table, final SaEventListener events, final int batchSize)
    {
        this.table = table;
        this.esp = new EspEncapsulator(table, events);
        this.ah = new AhEncapsulator(table, events);
        this.espSlots = new int[batchSize];
        this.ahSlots = new int[batchSize];
    }

    /**
     * Protects every OK packet that has an SA.
     *
     * @param batch the packets.
     * @param saSlots each packet's outbound SA, or {@link SaTable#NONE} to leave it as it is; not changed.
     */
    void process(final PacketBatch batch, final int[] saSlots)
    {
        if (!table.holdsAh())
        {
            esp.process(batch, saSlots);
            return;
        }
        final int size = batch.size();
        if (espSlots.length < size)
        {
            espSlots = new int[batch.capacity()];
            ahSlots = new int[batch.capacity()];
        }
        boolean anyAh = false;
        for (int i = 0; i < size; i++)
        {
            final int slot = saSlots[i];
            final boolean isAh = slot != SaTable.NONE && table.isAh(slot);
            espSlots[i] = isAh ? SaTable.NONE : slot;
            ahSlots[i] = isAh ? slot : SaTable.NONE;
            anyAh |= isAh;
        }
        esp.process(batch, espSlots);
        if (anyAh)
        {
            ah.process(batch, ahSlots);
        }
    }
}
