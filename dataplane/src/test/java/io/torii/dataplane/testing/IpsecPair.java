package io.torii.dataplane.testing;

import io.torii.dataplane.ah.AhDecapsulator;
import io.torii.dataplane.ah.AhEncapsulator;
import io.torii.dataplane.crypto.CryptoEngine;
import io.torii.dataplane.crypto.jdk.JdkCryptoEngine;
import io.torii.dataplane.esp.EspDecapsulator;
import io.torii.dataplane.esp.EspEncapsulator;
import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaEventListener;
import io.torii.dataplane.sadb.SaTable;
import io.torii.dataplane.status.Disposition;
import java.util.ArrayList;
import java.util.List;

/**
 * A sender and a receiver, each with its own SA table, sharing one SA's keys: the smallest
 * harness that drives the engine end to end.
 */
public final class IpsecPair implements AutoCloseable
{
    private final TestSas sas;
    private final SaTable senderTable = new SaTable(4);
    private final SaTable receiverTable = new SaTable(4);
    private final int outboundSlot;
    private final EspEncapsulator espOut;
    private final EspDecapsulator espIn;
    private final AhEncapsulator ahOut;
    private final AhDecapsulator ahIn;
    private final PacketBatch batch = new PacketBatch(16, PacketBatch.DEFAULT_MAX_PACKET);

    /**
     * @param sas the SA pair to install.
     * @param events told about sequence-number events on the sender.
     */
    public IpsecPair(final TestSas sas, final SaEventListener events)
    {
        this(sas, events, new JdkCryptoEngine(), new JdkCryptoEngine());
    }

    /**
     * @param sas the SA pair to install.
     * @param senderEngine the engine that seals.
     * @param receiverEngine the engine that opens.
     */
    public IpsecPair(final TestSas sas, final CryptoEngine senderEngine, final CryptoEngine receiverEngine)
    {
        this(sas, SaEventListener.NONE, senderEngine, receiverEngine);
    }

    private IpsecPair(final TestSas sas, final SaEventListener events, final CryptoEngine senderEngine,
        final CryptoEngine receiverEngine)
    {
        this.sas = sas;
        outboundSlot = senderTable.install(sas.outbound(), Direction.OUTBOUND, senderEngine);
        receiverTable.install(sas.inbound(), Direction.INBOUND, receiverEngine);
        espOut = new EspEncapsulator(senderTable, events);
        espIn = new EspDecapsulator(receiverTable);
        ahOut = new AhEncapsulator(senderTable, events);
        ahIn = new AhDecapsulator(receiverTable);
    }

    /**
     * @param sas the SA pair to install.
     */
    public IpsecPair(final TestSas sas)
    {
        this(sas, SaEventListener.NONE);
    }

    /** The result of sending packets through one side. */
    public record Result(List<Disposition> dispositions, List<byte[]> packets)
    {
    }

    /**
     * @param packets cleartext IP packets.
     * @return each packet's disposition and bytes after outbound processing.
     */
    public Result protect(final byte[]... packets)
    {
        fill(packets);
        if (sas.protocol() == IpsecProtocol.ESP)
        {
            espOut.process(batch, outboundSlot);
        }
        else
        {
            ahOut.process(batch, outboundSlot);
        }
        return drain();
    }

    /**
     * @param packets protected packets.
     * @return each packet's disposition and bytes after inbound processing.
     */
    public Result unprotect(final byte[]... packets)
    {
        fill(packets);
        if (sas.protocol() == IpsecProtocol.ESP)
        {
            espIn.process(batch);
        }
        else
        {
            ahIn.process(batch);
        }
        return drain();
    }

    /**
     * @param packet a cleartext packet that must pass both ways.
     * @return its protected form.
     */
    public byte[] protectOne(final byte[] packet)
    {
        final Result result = protect(packet);
        if (result.dispositions().getFirst() != Disposition.OK)
        {
            throw new AssertionError("protect gave " + result.dispositions().getFirst());
        }
        return result.packets().getFirst();
    }

    private void fill(final byte[][] packets)
    {
        batch.clear();
        for (final byte[] packet : packets)
        {
            if (batch.add(packet, 0, packet.length) < 0)
            {
                throw new IllegalArgumentException("batch full or packet too big");
            }
        }
    }

    private Result drain()
    {
        final List<Disposition> dispositions = new ArrayList<>();
        final List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++)
        {
            dispositions.add(batch.disposition(i));
            packets.add(batch.copyOut(i));
        }
        return new Result(dispositions, packets);
    }

    /** @return the sender's SA table. */
    public SaTable senderTable()
    {
        return senderTable;
    }

    /** @return the receiver's SA table. */
    public SaTable receiverTable()
    {
        return receiverTable;
    }

    /** @return the sender's outbound SA slot. */
    public int outboundSlot()
    {
        return outboundSlot;
    }

    @Override
    public void close()
    {
        senderTable.close();
        receiverTable.close();
    }
}
