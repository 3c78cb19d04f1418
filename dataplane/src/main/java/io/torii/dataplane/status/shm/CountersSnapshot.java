package io.torii.dataplane.status.shm;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.Disposition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The daemon's counters at one moment, grouped by the fields of their keys: per worker its
 * totals, per SA its counts, per worker's port its drops. Each counter is read on its own, so two
 * counters may be a few packets apart; good enough for reports. Reader side: allocates freely.
 *
 * @param writerPid the daemon's process id.
 * @param startTimeMs when the daemon created the file, in epoch milliseconds.
 * @param workers every worker, by id.
 * @param sas every SA with counters, by worker, name and SPI.
 * @param ports every worker's ports with counters, by worker and side.
 */
public record CountersSnapshot(long writerPid, long startTimeMs, List<Worker> workers, List<Sa> sas, List<Port> ports)
{
    private static final Disposition[] DISPOSITIONS = Disposition.values();

    /**
     * One worker's totals.
     *
     * @param id the worker's id.
     * @param counts packets per disposition, indexed by ordinal.
     * @param sasWithoutCounters SAs installed while the file was full.
     */
    public record Worker(int id, long[] counts, long sasWithoutCounters)
    {
        /**
         * @param disposition a disposition.
         * @return the worker's packets with it.
         */
        public long count(final Disposition disposition)
        {
            return counts[disposition.ordinal()];
        }
    }

    /**
     * One SA's counts.
     *
     * @param worker the worker that owns it.
     * @param slot its slot in the worker's table.
     * @param name its name.
     * @param spi its SPI.
     * @param protocol ESP or AH.
     * @param direction inbound or outbound.
     * @param packets packets processed successfully.
     * @param bytes bytes of those packets as they left.
     * @param dropped packets dropped.
     */
    public record Sa(
        int worker,
        int slot,
        String name,
        int spi,
        IpsecProtocol protocol,
        Direction direction,
        long packets,
        long bytes,
        long dropped)
    {
    }

    /**
     * One port of a worker, and what it dropped itself, before or after the worker's stages.
     *
     * @param worker the worker whose port it is.
     * @param side which of its ports.
     * @param kind what the port is, as the configuration names it: {@code udp}, {@code afxdp}...
     * @param transmitDropped packets the port could not send: its device or socket was full, or refused them.
     * @param receiveDropped packets the port lost on receive: truncated, or not IP.
     */
    public record Port(int worker, PortSide side, String kind, long transmitDropped, long receiveDropped)
    {
    }

    /**
     * A snapshot without port counters, as a daemon that publishes none gives.
     *
     * @param writerPid the daemon's process id.
     * @param startTimeMs when the daemon created the file, in epoch milliseconds.
     * @param workers every worker, by id.
     * @param sas every SA with counters.
     */
    public CountersSnapshot(final long writerPid, final long startTimeMs, final List<Worker> workers,
        final List<Sa> sas)
    {
        this(writerPid, startTimeMs, workers, sas, List.of());
    }

    /**
     * @param file an open counters file.
     * @return its counters now.
     */
    public static CountersSnapshot read(final CountersFile file)
    {
        return read(file.reader(), file.writerPid(), file.startTimeMs());
    }

    /**
     * @param reader the counters.
     * @param writerPid the daemon's process id.
     * @param startTimeMs when the daemon started.
     * @return the counters now.
     */
    public static CountersSnapshot read(final CountersReader reader, final long writerPid, final long startTimeMs)
    {
        final Map<Integer, long[]> totals = new TreeMap<>();
        final Map<Integer, Long> withoutCounters = new TreeMap<>();
        final Map<Long, SaBuilder> sas = new TreeMap<>();
        final Map<Long, Port> ports = new TreeMap<>();
        final CounterKey key = new CounterKey();
        reader.forEach((final int counterId, final int typeId, final DirectBuffer keyBuffer,
            final String label) ->
        {
            key.wrap(keyBuffer, 0);
            final long value = reader.getCounterValue(counterId);
            switch (typeId)
            {
                case CounterTypes.WORKER_PACKETS ->
                {
                    final int ordinal = key.dispositionOrdinal();
                    if (ordinal >= 0 && ordinal < DISPOSITIONS.length)
                    {
                        totals.computeIfAbsent(key.workerId(), id -> new long[DISPOSITIONS.length])[ordinal] += value;
                    }
                }
                case CounterTypes.WORKER_SAS_WITHOUT_COUNTERS ->
                {
                    totals.computeIfAbsent(key.workerId(), id -> new long[DISPOSITIONS.length]);
                    withoutCounters.merge(key.workerId(), value, Long::sum);
                }
                case CounterTypes.SA_PACKETS, CounterTypes.SA_BYTES, CounterTypes.SA_DROPPED ->
                {
                    final long id = (long)key.workerId() << 32 | key.slot() & 0xFFFF_FFFFL;
                    final SaBuilder sa = sas.computeIfAbsent(id, ignored -> new SaBuilder(key));
                    if (typeId == CounterTypes.SA_PACKETS)
                    {
                        sa.packets = value;
                    }
                    else if (typeId == CounterTypes.SA_BYTES)
                    {
                        sa.bytes = value;
                    }
                    else
                    {
                        sa.dropped = value;
                    }
                }
                case CounterTypes.PORT_TRANSMIT_DROPPED, CounterTypes.PORT_RECEIVE_DROPPED ->
                {
                    final PortSide side = key.side();
                    if (side != null)
                    {
                        final long id = (long)key.workerId() << 32 | side.ordinal();
                        final Port port = ports.getOrDefault(id, new Port(key.workerId(), side, key.name(), 0, 0));
                        ports.put(id, typeId == CounterTypes.PORT_TRANSMIT_DROPPED ?
                            new Port(port.worker(), side, port.kind(), value, port.receiveDropped()) :
                            new Port(port.worker(), side, port.kind(), port.transmitDropped(), value));
                    }
                }
                default ->
                {
                    // Another tool's counter in the same file: not Torii's to report.
                }
            }
        });
        final List<Worker> workers = new ArrayList<>();
        totals.forEach((id, counts) -> workers.add(new Worker(id, counts, withoutCounters.getOrDefault(id, 0L))));
        final List<Sa> saList = new ArrayList<>();
        sas.values().forEach(sa -> saList.add(sa.build()));
        saList.sort(Comparator.comparingInt(Sa::worker).thenComparing(Sa::name)
            .thenComparingLong(sa -> Integer.toUnsignedLong(sa.spi())).thenComparingInt(Sa::slot));
        return new CountersSnapshot(writerPid, startTimeMs, List.copyOf(workers), List.copyOf(saList),
            List.copyOf(ports.values()));
    }

    /** Gathers an SA's three counters, which the reader meets one by one. */
    private static final class SaBuilder
    {
        private final int worker;
        private final int slot;
        private final String name;
        private final int spi;
        private final IpsecProtocol protocol;
        private final Direction direction;
        private long packets;
        private long bytes;
        private long dropped;

        SaBuilder(final CounterKey key)
        {
            this.worker = key.workerId();
            this.slot = key.slot();
            this.name = key.name();
            this.spi = key.spi();
            this.protocol = key.protocol();
            this.direction = key.direction();
        }

        Sa build()
        {
            return new Sa(worker, slot, name, spi, protocol, direction, packets, bytes, dropped);
        }
    }
}
