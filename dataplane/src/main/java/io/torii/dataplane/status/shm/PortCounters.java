package io.torii.dataplane.status.shm;

import io.torii.dataplane.port.PacketPort;
import java.util.Objects;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * One worker's port drops in the shared counters file: for each of its two ports, the packets the
 * port dropped on transmit ({@link PacketPort#transmitDrops()}: a full ring or socket buffer, a
 * send error) and on receive ({@link PacketPort#receiveDrops()}), so that loss inside a port shows
 * next to the worker's dispositions.
 * <pre>
 *   lan.transmitDrops() --publish()--> PORT_TRANSMIT_DROPPED {worker, lan, kind}
 *   lan.receiveDrops()  --publish()--> PORT_RECEIVE_DROPPED  {worker, lan, kind}
 *   wan.transmitDrops() --publish()--> PORT_TRANSMIT_DROPPED {worker, wan, kind}
 *   wan.receiveDrops()  --publish()--> PORT_RECEIVE_DROPPED  {worker, wan, kind}
 * </pre>
 * The ports count in plain fields of their own, on the worker's thread; {@link #publish()} runs on
 * that thread too, once per duty cycle, and adds what each count gained since the last call. A count
 * that went back (a port that started again from zero) is taken as counted from zero, so that the
 * shared counters only go up. Single writer, no lock, no allocation per call.
 */
public final class PortCounters implements AutoCloseable
{
    /** Counters one worker's ports take: transmit and receive drops for the LAN and the WAN port. */
    public static final int COUNTERS = 4;

    private static final int TRANSMIT = 0;
    private static final int RECEIVE = 1;

    private final PacketPort[] ports = new PacketPort[COUNTERS];
    private final AtomicCounter[] counters = new AtomicCounter[COUNTERS];
    private final long[] lastSeen = new long[COUNTERS];
    private final CounterKey key = new CounterKey();
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[CounterKey.LENGTH]);
    private final ExpandableArrayBuffer labelBuffer = new ExpandableArrayBuffer(CountersReader.MAX_LABEL_LENGTH);
    private boolean closed;

    /**
     * Allocates the four counters, at zero: drops a port counted before are not published.
     *
     * @param manager the counters file's manager.
     * @param workerId the worker whose ports these are.
     * @param lan the worker's cleartext port.
     * @param lanKind what the LAN port is, as the configuration names it: {@code tun}, {@code afxdp}...
     * @param wan the worker's protected port.
     * @param wanKind what the WAN port is: {@code udp}, {@code raw}, {@code afxdp}...
     * @throws IllegalStateException when the file has no room for them; none is left allocated then.
     */
    public PortCounters(
        final CountersManager manager,
        final int workerId,
        final PacketPort lan,
        final String lanKind,
        final PacketPort wan,
        final String wanKind)
    {
        Objects.requireNonNull(lan, "lan");
        Objects.requireNonNull(wan, "wan");
        try
        {
            allocate(manager, workerId, PortSide.LAN, lan, lanKind);
            allocate(manager, workerId, PortSide.WAN, wan, wanKind);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    private void allocate(
        final CountersManager manager,
        final int workerId,
        final PortSide side,
        final PacketPort port,
        final String kind)
    {
        final int keyLength = key.wrap(keyBuffer, 0).putPort(workerId, side, kind);
        final String prefix = "worker " + workerId + " " + side.metricName() + " " + port.name() + " ";
        for (int direction = TRANSMIT; direction <= RECEIVE; direction++)
        {
            final int index = index(side, direction);
            final String label = prefix + (direction == TRANSMIT ? "transmit" : "receive") + " dropped";
            final int labelLength = labelBuffer.putStringWithoutLengthUtf8(0, label);
            counters[index] = manager.newCounter(
                direction == TRANSMIT ? CounterTypes.PORT_TRANSMIT_DROPPED : CounterTypes.PORT_RECEIVE_DROPPED,
                keyBuffer, 0, keyLength, labelBuffer, 0, Math.min(labelLength, CountersReader.MAX_LABEL_LENGTH));
            ports[index] = port;
            lastSeen[index] = count(port, direction);
        }
    }

    /** Counter i belongs to side {@code i / 2} and direction {@code i % 2}. */
    private static int index(final PortSide side, final int direction)
    {
        return side.ordinal() * 2 + direction;
    }

    private static long count(final PacketPort port, final int direction)
    {
        return direction == TRANSMIT ? port.transmitDrops() : port.receiveDrops();
    }

    /**
     * Adds what the ports' drop counts gained since the last call. Call it on the worker's thread,
     * once per duty cycle, or after that thread has stopped. Allocation-free.
     *
     * @return how many shared counters changed: work done, in the sense of {@code Agent.doWork()}.
     */
    public int publish()
    {
        int changed = 0;
        for (int i = 0; i < COUNTERS; i++)
        {
            final long now = count(ports[i], i % 2);
            final long last = lastSeen[i];
            if (now != last)
            {
                counters[i].getAndAddRelease(now > last ? now - last : now);
                lastSeen[i] = now;
                changed++;
            }
        }
        return changed;
    }

    /**
     * @param side a port.
     * @return its transmit drops as published.
     */
    public long transmitDrops(final PortSide side)
    {
        return counters[index(side, TRANSMIT)].get();
    }

    /**
     * @param side a port.
     * @return its receive drops as published.
     */
    public long receiveDrops(final PortSide side)
    {
        return counters[index(side, RECEIVE)].get();
    }

    /** Frees the counters. Idempotent. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final AtomicCounter counter : counters)
        {
            if (counter != null)
            {
                counter.close();
            }
        }
    }
}
