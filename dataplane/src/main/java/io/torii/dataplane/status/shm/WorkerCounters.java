package io.torii.dataplane.status.shm;

import io.torii.dataplane.packet.PacketBatch;
import io.torii.dataplane.port.PacketPort;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import io.torii.dataplane.status.Disposition;
import io.torii.dataplane.status.DispositionCounters;
import java.util.Arrays;
import java.util.Locale;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * One worker's counters in the shared counters file: a counter per {@link Disposition} for the
 * worker's totals, allocated up front, and three per installed SA (packets OK, bytes OK, packets
 * dropped), allocated when the SA is installed and freed when it is removed, so the file holds
 * counters for the SAs that exist rather than for every slot.
 *
 * <p>Two ways in, both single-writer (a plain read and a release store, no lock, no allocation):
 * <ul>
 *   <li>{@link #publish()}: the ESP and AH stages count into their table's
 *       {@link DispositionCounters} with plain array increments, the cheapest thing per packet.
 *       Once per duty cycle the worker calls {@code publish()}, which adds what changed since the
 *       last call to the shared totals, and to the per-SA counters of a bounded slice of slots
 *       (round robin), so that the cost per cycle stays small with 100k SAs.</li>
 *   <li>Direct: {@link #count(Disposition)} and {@link #count(int, Disposition, int)} for packets
 *       the worker itself decides about, outside the stages; {@link #addOkBytes} for the bytes of
 *       the packets a stage passed, which {@code DispositionCounters} does not count.</li>
 * </ul>
 * A packet must be counted by one way only. The worker's ports' drops, which the ports count
 * themselves, come with {@link #ports}: {@code publish()} publishes them too. Owned by the worker's
 * thread: not thread-safe, except that allocation goes through the file's thread-safe manager.
 */
public final class WorkerCounters implements AutoCloseable
{
    /** Counters each installed SA takes: packets OK, bytes OK, packets dropped. */
    public static final int COUNTERS_PER_SA = 3;
    /** SA slots {@link #publish()} looks at per call, when nothing else is configured. */
    public static final int DEFAULT_SA_SLOTS_PER_PUBLISH = 256;

    private static final Disposition[] DISPOSITIONS = Disposition.values();
    private static final int NONE = CountersReader.NULL_COUNTER_ID;

    private final CountersManager manager;
    private final AtomicBuffer values;
    private final int workerId;
    private final DispositionCounters source;
    private final int saCapacity;
    private final int saSlotsPerPublish;
    private final AtomicCounter[] totals = new AtomicCounter[DISPOSITIONS.length];
    private final long[] publishedTotals = new long[DISPOSITIONS.length];
    private final AtomicCounter sasWithoutCounters;
    private final int[] saPackets;
    private final int[] saBytes;
    private final int[] saDropped;
    private final long[] publishedSaOk;
    private final long[] publishedSaDropped;
    private final CounterKey key = new CounterKey();
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[CounterKey.LENGTH]);
    private final ExpandableArrayBuffer labelBuffer = new ExpandableArrayBuffer(CountersReader.MAX_LABEL_LENGTH);
    private PortCounters ports;
    private int publishCursor;
    private boolean closed;

    /**
     * @param manager the counters file's manager.
     * @param workerId the worker's id, as readers show it.
     * @param source the worker's table's counters, which {@link #publish()} reads.
     * @param saCapacity the worker's table's capacity: SA slots run from 0 to this, exclusive.
     */
    public WorkerCounters(
        final CountersManager manager, final int workerId, final DispositionCounters source, final int saCapacity)
    {
        this(manager, workerId, source, saCapacity, DEFAULT_SA_SLOTS_PER_PUBLISH);
    }

    /**
     * @param manager the counters file's manager.
     * @param workerId the worker's id, as readers show it.
     * @param source the worker's table's counters, which {@link #publish()} reads.
     * @param saCapacity the worker's table's capacity: SA slots run from 0 to this, exclusive.
     * @param saSlotsPerPublish how many SA slots one {@link #publish()} looks at.
     * @throws IllegalStateException when the file has no room for the worker's totals.
     */
    public WorkerCounters(
        final CountersManager manager,
        final int workerId,
        final DispositionCounters source,
        final int saCapacity,
        final int saSlotsPerPublish)
    {
        if (workerId < 0 || saCapacity < 0 || saSlotsPerPublish < 1)
        {
            throw new IllegalArgumentException("worker " + workerId + ", " + saCapacity + " SA slots, " +
                saSlotsPerPublish + " slots per publish: expected a worker id >= 0, SA slots >= 0 and >= 1 " +
                "slot per publish");
        }
        this.manager = manager;
        this.values = manager.valuesBuffer();
        this.workerId = workerId;
        this.source = source;
        this.saCapacity = saCapacity;
        this.saSlotsPerPublish = saSlotsPerPublish;
        this.saPackets = noCounters(saCapacity);
        this.saBytes = noCounters(saCapacity);
        this.saDropped = noCounters(saCapacity);
        this.publishedSaOk = new long[saCapacity];
        this.publishedSaDropped = new long[saCapacity];
        try
        {
            for (final Disposition disposition : DISPOSITIONS)
            {
                final int keyLength = key.wrap(keyBuffer, 0).putWorker(workerId, disposition.ordinal());
                totals[disposition.ordinal()] = new AtomicCounter(values, allocate(CounterTypes.WORKER_PACKETS,
                    keyLength, "worker " + workerId + " " + metricName(disposition)), manager);
            }
            final int keyLength = key.wrap(keyBuffer, 0).putWorker(workerId, -1);
            sasWithoutCounters = new AtomicCounter(values, allocate(CounterTypes.WORKER_SAS_WITHOUT_COUNTERS,
                keyLength, "worker " + workerId + " SAs without counters"), manager);
        }
        catch (final RuntimeException ex)
        {
            closeTotals();
            throw ex;
        }
    }

    private static int[] noCounters(final int length)
    {
        final int[] ids = new int[length];
        Arrays.fill(ids, NONE);
        return ids;
    }

    /**
     * @param disposition a disposition.
     * @return its name in counters and metrics: the constant's name in lower case, such as {@code icv_failure}.
     */
    public static String metricName(final Disposition disposition)
    {
        return disposition.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param saCapacity the worker's SA capacity.
     * @return how many counters a worker takes at most: its totals, its ports' and every SA slot's.
     */
    public static int countersNeeded(final int saCapacity)
    {
        return DISPOSITIONS.length + 1 + PortCounters.COUNTERS + COUNTERS_PER_SA * saCapacity;
    }

    /**
     * Allocates the drop counters of the worker's ports, which {@link #publish()} and
     * {@link #publishAll()} publish from then on and {@link #close()} frees. Call it once, before the
     * worker runs.
     *
     * @param lan the worker's cleartext port.
     * @param lanKind what it is, as the configuration names it, such as {@code tun}.
     * @param wan the worker's protected port.
     * @param wanKind what it is, such as {@code udp} or {@code afxdp}.
     * @return the port counters.
     * @throws IllegalStateException when the worker has them already, or the file has no room.
     */
    public PortCounters ports(final PacketPort lan, final String lanKind, final PacketPort wan, final String wanKind)
    {
        if (ports != null)
        {
            throw new IllegalStateException("worker " + workerId + " has port counters already");
        }
        ports = new PortCounters(manager, workerId, lan, lanKind, wan, wanKind);
        return ports;
    }

    /** @return the worker's id. */
    public int workerId()
    {
        return workerId;
    }

    /**
     * @param disposition a disposition.
     * @return the worker's total for it, to increment with {@code incrementRelease()} from the worker's thread.
     */
    public AtomicCounter total(final Disposition disposition)
    {
        return totals[disposition.ordinal()];
    }

    /**
     * Counts a packet the worker decided about itself, that belongs to no SA. Hot path.
     *
     * @param disposition what happened to it.
     */
    public void count(final Disposition disposition)
    {
        totals[disposition.ordinal()].incrementRelease();
    }

    /**
     * Counts a packet the worker decided about itself, in the totals and under its SA. Hot path.
     *
     * @param saSlot its SA's slot, or a negative number for none.
     * @param disposition what happened to it.
     * @param bytes its length as it left, counted when the disposition is {@link Disposition#OK}.
     */
    public void count(final int saSlot, final Disposition disposition, final int bytes)
    {
        totals[disposition.ordinal()].incrementRelease();
        if (saSlot >= 0 && saSlot < saCapacity)
        {
            if (disposition == Disposition.OK)
            {
                add(saPackets[saSlot], 1);
                add(saBytes[saSlot], bytes);
            }
            else
            {
                add(saDropped[saSlot], 1);
            }
        }
    }

    /**
     * Adds bytes to an SA's OK bytes, for packets whose count {@link #publish()} carries. Hot path.
     *
     * @param saSlot the SA's slot; negative or uncounted slots are ignored.
     * @param bytes how many bytes.
     */
    public void addSaBytes(final int saSlot, final long bytes)
    {
        if (saSlot >= 0 && saSlot < saCapacity)
        {
            add(saBytes[saSlot], bytes);
        }
    }

    /**
     * Adds the lengths of a batch's OK packets to their SAs' OK bytes, once per run of packets of one
     * SA. Call it after the stage that gave the packets their SA. Hot path.
     *
     * @param batch the packets, as the stage left them.
     * @param saSlots each packet's SA slot, or a negative number for none.
     */
    public void addOkBytes(final PacketBatch batch, final int[] saSlots)
    {
        int runSlot = -1;
        long runBytes = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            final int slot = saSlots[i];
            if (slot < 0 || batch.disposition(i) != Disposition.OK)
            {
                continue;
            }
            if (slot != runSlot)
            {
                addSaBytes(runSlot, runBytes);
                runSlot = slot;
                runBytes = 0;
            }
            runBytes += batch.length(i);
        }
        addSaBytes(runSlot, runBytes);
    }

    /**
     * Adds the lengths of a batch's OK packets, all of one SA, to its OK bytes. Hot path.
     *
     * @param batch the packets, as the stage left them.
     * @param saSlot the SA's slot.
     */
    public void addOkBytes(final PacketBatch batch, final int saSlot)
    {
        long bytes = 0;
        for (int i = 0, size = batch.size(); i < size; i++)
        {
            if (batch.disposition(i) == Disposition.OK)
            {
                bytes += batch.length(i);
            }
        }
        addSaBytes(saSlot, bytes);
    }

    private void add(final int counterId, final long delta)
    {
        if (counterId != NONE)
        {
            // Single writer: a plain read and a release store, where an atomic add would lock the bus.
            final int offset = CountersReader.counterOffset(counterId);
            values.putLongRelease(offset, values.getLong(offset) + delta);
        }
    }

    /**
     * Allocates an installed SA's counters. Call it right after the table installed the SA.
     *
     * @param slot the SA's slot.
     * @param config the SA.
     * @param direction its direction.
     * @return false when the file is full: the SA is then counted in the totals only, and in the
     *         worker's "SAs without counters".
     */
    public boolean saInstalled(final int slot, final SaConfig config, final Direction direction)
    {
        return saInstalled(slot, config.name(), config.spi(), config.protocol(), direction);
    }

    /**
     * Allocates an installed SA's counters. Call it right after the table installed the SA.
     *
     * @param slot the SA's slot.
     * @param name its name.
     * @param spi its SPI.
     * @param protocol ESP or AH.
     * @param direction its direction.
     * @return false when the file is full: the SA is then counted in the totals only, and in the
     *         worker's "SAs without counters".
     */
    public boolean saInstalled(
        final int slot, final String name, final int spi, final IpsecProtocol protocol, final Direction direction)
    {
        checkSlot(slot);
        saRemoved(slot);
        // Only what the SA counts from now on is published: the table reset the slot, or will have.
        publishedSaOk[slot] = source.count(slot, Disposition.OK);
        publishedSaDropped[slot] = dropped(slot);
        final int keyLength = key.wrap(keyBuffer, 0).putSa(workerId, slot, spi, protocol, direction, name);
        final String prefix = "sa " + name + " spi 0x" + String.format(Locale.ROOT, "%08x", spi) + " ";
        int packets = NONE;
        int bytes = NONE;
        try
        {
            packets = allocate(CounterTypes.SA_PACKETS, keyLength, prefix + "packets");
            bytes = allocate(CounterTypes.SA_BYTES, keyLength, prefix + "bytes");
            saDropped[slot] = allocate(CounterTypes.SA_DROPPED, keyLength, prefix + "dropped");
        }
        catch (final IllegalStateException ex)
        {
            // The file is full: Agrona's only reason to refuse an allocation.
            free(packets);
            free(bytes);
            sasWithoutCounters.incrementRelease();
            return false;
        }
        saPackets[slot] = packets;
        saBytes[slot] = bytes;
        return true;
    }

    /**
     * Frees a removed SA's counters; they may be reused by the next SA installed.
     *
     * @param slot the SA's slot.
     */
    public void saRemoved(final int slot)
    {
        checkSlot(slot);
        free(saPackets[slot]);
        free(saBytes[slot]);
        free(saDropped[slot]);
        saPackets[slot] = NONE;
        saBytes[slot] = NONE;
        saDropped[slot] = NONE;
    }

    /**
     * @param slot an SA slot.
     * @return whether the SA there has its own counters.
     */
    public boolean hasSaCounters(final int slot)
    {
        return slot >= 0 && slot < saCapacity && saPackets[slot] != NONE;
    }

    /** @return the SA's packets OK as published, or 0 when it has no counters. */
    public long saPackets(final int slot)
    {
        return value(saPackets[slot]);
    }

    /** @return the SA's bytes OK as published, or 0 when it has no counters. */
    public long saBytes(final int slot)
    {
        return value(saBytes[slot]);
    }

    /** @return the SA's dropped packets as published, or 0 when it has no counters. */
    public long saDropped(final int slot)
    {
        return value(saDropped[slot]);
    }

    private long value(final int counterId)
    {
        return counterId == NONE ? 0 : values.getLongVolatile(CountersReader.counterOffset(counterId));
    }

    /**
     * Adds what the table's {@link DispositionCounters} counted since the last call: every total,
     * and the per-SA counters of the next slice of slots. Call once per duty cycle. Allocation-free.
     *
     * @return how many shared counters changed: work done, in the sense of {@code Agent.doWork()}.
     */
    public int publish()
    {
        int changed = publishTotals() + publishPorts();
        int slot = publishCursor;
        for (int i = 0, slots = Math.min(saSlotsPerPublish, saCapacity); i < slots; i++)
        {
            changed += publishSa(slot);
            slot = slot + 1 == saCapacity ? 0 : slot + 1;
        }
        publishCursor = slot;
        return changed;
    }

    /**
     * Publishes like {@link #publish()}, but every SA slot: for shutdown, reports and tests.
     *
     * @return how many shared counters changed.
     */
    public int publishAll()
    {
        int changed = publishTotals() + publishPorts();
        for (int slot = 0; slot < saCapacity; slot++)
        {
            changed += publishSa(slot);
        }
        return changed;
    }

    private int publishTotals()
    {
        int changed = 0;
        for (int i = 0; i < DISPOSITIONS.length; i++)
        {
            final long now = source.total(DISPOSITIONS[i]);
            final long delta = now - publishedTotals[i];
            if (delta != 0)
            {
                totals[i].getAndAddRelease(delta);
                publishedTotals[i] = now;
                changed++;
            }
        }
        return changed;
    }

    private int publishPorts()
    {
        return ports == null ? 0 : ports.publish();
    }

    private int publishSa(final int slot)
    {
        if (saPackets[slot] == NONE)
        {
            return 0;
        }
        int changed = 0;
        final long ok = source.count(slot, Disposition.OK);
        if (ok != publishedSaOk[slot])
        {
            add(saPackets[slot], ok - publishedSaOk[slot]);
            publishedSaOk[slot] = ok;
            changed++;
        }
        final long dropped = dropped(slot);
        if (dropped != publishedSaDropped[slot])
        {
            add(saDropped[slot], dropped - publishedSaDropped[slot]);
            publishedSaDropped[slot] = dropped;
            changed++;
        }
        return changed;
    }

    private long dropped(final int slot)
    {
        long dropped = 0;
        for (int i = 0; i < DISPOSITIONS.length; i++)
        {
            if (DISPOSITIONS[i] != Disposition.OK)
            {
                dropped += source.count(slot, DISPOSITIONS[i]);
            }
        }
        return dropped;
    }

    private int allocate(final int typeId, final int keyLength, final String label)
    {
        final int labelLength = labelBuffer.putStringWithoutLengthUtf8(0, label);
        return manager.allocate(typeId, keyBuffer, 0, keyLength, labelBuffer, 0,
            Math.min(labelLength, CountersReader.MAX_LABEL_LENGTH));
    }

    private void free(final int counterId)
    {
        if (counterId != NONE)
        {
            manager.free(counterId);
        }
    }

    private void checkSlot(final int slot)
    {
        if (slot < 0 || slot >= saCapacity)
        {
            throw new IllegalArgumentException("SA slot " + slot + ": expected 0 to " + (saCapacity - 1));
        }
    }

    private void closeTotals()
    {
        for (final AtomicCounter total : totals)
        {
            if (total != null)
            {
                total.close();
            }
        }
        if (sasWithoutCounters != null)
        {
            sasWithoutCounters.close();
        }
    }

    /** Frees every counter of the worker: its SAs', its ports' and its totals. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (ports != null)
        {
            ports.close();
        }
        for (int slot = 0; slot < saCapacity; slot++)
        {
            saRemoved(slot);
        }
        closeTotals();
    }
}
