package io.torii.dataplane.port.memory;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.status.Disposition;
import java.util.Objects;

/**
 * Wraps a port and harms its traffic on purpose: drops, duplicates, reorders and corrupts packets
 * on transmit, on receive or both, as {@link FaultProfile}s say, with decisions drawn from a seeded
 * random source so that a failing test can be replayed. Each direction has its own source, derived
 * from the seed, and its own {@link FaultStats}.
 *
 * <p>Packets are copied, so the caller's batch is never changed. A packet held back to be reordered
 * waits for the next packet in the same direction, across calls; {@link #flush()} lets it go.
 * Faults cost no allocation per packet, but the port keeps its own batches and copies each packet
 * once or twice more: it is made for tests.
 */
public final class FaultyPort implements PacketPort
{
    /** Mixed into the seed for the receive direction so that the two directions draw differently. */
    private static final long RECEIVE_SEED_MIX = 0x9E37_79B9_7F4A_7C15L;

    private final PacketPort inner;
    private final FaultInjector transmitFaults;
    private final FaultInjector receiveFaults;
    private final PacketBatch transmitOut;
    private final PacketBatch receiveIn;
    private final PacketBatch receiveOut;
    private int receiveCursor;

    /**
     * A faulty port with batches of {@link PacketBatch#DEFAULT_CAPACITY} packets up to
     * {@link PacketBatch#DEFAULT_MAX_PACKET} bytes.
     *
     * @param inner the port to wrap; closing this port closes it.
     * @param seed the seed for every decision.
     * @param onTransmit faults for packets sent through this port.
     * @param onReceive faults for packets received through it.
     */
    public FaultyPort(final PacketPort inner, final long seed, final FaultProfile onTransmit,
        final FaultProfile onReceive)
    {
        this(inner, seed, onTransmit, onReceive, PacketBatch.DEFAULT_CAPACITY, PacketBatch.DEFAULT_MAX_PACKET);
    }

    /**
     * @param inner the port to wrap; closing this port closes it.
     * @param seed the seed for every decision.
     * @param onTransmit faults for packets sent through this port.
     * @param onReceive faults for packets received through it.
     * @param batchCapacity packets read from the inner port at a time.
     * @param maxPacket the longest packet; longer ones are lost and counted in {@link FaultStats#tooBig()}.
     */
    public FaultyPort(
        final PacketPort inner,
        final long seed,
        final FaultProfile onTransmit,
        final FaultProfile onReceive,
        final int batchCapacity,
        final int maxPacket)
    {
        this.inner = Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(onTransmit, "onTransmit");
        Objects.requireNonNull(onReceive, "onReceive");
        // Each input packet yields at most three outputs; one more for a packet released by flush().
        final int outCapacity = batchCapacity * FaultInjector.MAX_OUTPUT_PER_PACKET + 1;
        transmitFaults = new FaultInjector(onTransmit, seed, maxPacket);
        receiveFaults = new FaultInjector(onReceive, seed ^ RECEIVE_SEED_MIX, maxPacket);
        transmitOut = new PacketBatch(outCapacity, maxPacket);
        receiveIn = new PacketBatch(batchCapacity, maxPacket);
        receiveOut = new PacketBatch(outCapacity, maxPacket);
    }

    /** @return what was done to transmitted packets. */
    public FaultStats transmitFaults()
    {
        return transmitFaults.stats();
    }

    /** @return what was done to received packets. */
    public FaultStats receiveFaults()
    {
        return receiveFaults.stats();
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "faulty:" + inner.name();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Packets come from the inner port and pass the receive faults; duplicates that do not fit
     * the batch wait for the next call.
     */
    @Override
    public int receive(final PacketBatch batch)
    {
        int added = 0;
        while (batch.size() < batch.capacity())
        {
            if (receiveCursor == receiveOut.size())
            {
                receiveOut.clear();
                receiveCursor = 0;
                receiveIn.clear();
                if (inner.receive(receiveIn) == 0)
                {
                    break;
                }
                for (int i = 0; i < receiveIn.size(); i++)
                {
                    receiveFaults.apply(receiveIn.buffer(i), receiveIn.offset(i), receiveIn.length(i), receiveOut);
                }
                continue;
            }
            final int from = receiveCursor++;
            final int index = batch.claim(receiveOut.length(from));
            if (index < 0)
            {
                receiveFaults.stats().onTooBig();
                continue;
            }
            batch.buffer(index).putBytes(batch.offset(index), receiveOut.buffer(from), receiveOut.offset(from),
                receiveOut.length(from));
            added++;
        }
        return added;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Packets pass the transmit faults and go to the inner port, whose count of sent packets,
     * duplicates and released held packets included, is returned.
     */
    @Override
    public int transmit(final PacketBatch batch)
    {
        int sent = 0;
        for (int i = 0; i < batch.size(); i++)
        {
            if (batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (transmitOut.capacity() - transmitOut.size() < FaultInjector.MAX_OUTPUT_PER_PACKET)
            {
                sent += sendOut();
            }
            transmitFaults.apply(batch.buffer(i), batch.offset(i), batch.length(i), transmitOut);
        }
        return sent + sendOut();
    }

    /**
     * Releases packets held back for reordering: the transmit one is sent now, the receive one
     * comes with the next {@link #receive}.
     *
     * @return how many packets were released.
     */
    public int flush()
    {
        int released = 0;
        if (transmitFaults.releaseHeld(transmitOut))
        {
            released++;
            sendOut();
        }
        if (receiveCursor == receiveOut.size())
        {
            receiveOut.clear();
            receiveCursor = 0;
        }
        if (receiveFaults.releaseHeld(receiveOut))
        {
            released++;
        }
        return released;
    }

    /** @return the inner port's drops: the device was full. Faults are counted in {@link FaultStats}. */
    @Override
    public long transmitDrops()
    {
        return inner.transmitDrops();
    }

    /** @return the inner port's receive drops; packets this port loses on purpose are in {@link FaultStats}. */
    @Override
    public long receiveDrops()
    {
        return inner.receiveDrops();
    }

    /** Closes the inner port. */
    @Override
    public void close()
    {
        inner.close();
    }

    private int sendOut()
    {
        if (transmitOut.size() == 0)
        {
            return 0;
        }
        final int sent = inner.transmit(transmitOut);
        transmitOut.clear();
        return sent;
    }
}
