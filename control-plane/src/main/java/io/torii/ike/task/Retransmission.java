package io.torii.ike.task;

import io.torii.ike.sa.RetransmitSchedule;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Our request in flight (RFC 7296 §2.1, §2.4): its datagrams, whole or in fragments, how often they went out
 * and when they go again, on the connection's schedule (strongSwan's {@code retransmit_timeout},
 * {@code retransmit_base}, {@code retransmit_tries}), until an answer stops it or the schedule gives up.
 */
final class Retransmission
{
    private final RetransmitSchedule schedule;
    private List<byte[]> request;
    private int sent;
    private long deadline;

    /**
     * @param schedule when to send again and when to give up.
     */
    Retransmission(final RetransmitSchedule schedule)
    {
        this.schedule = schedule;
    }

    /**
     * A request goes out for the first time.
     *
     * @param datagrams its datagrams.
     * @param now the time.
     * @param random the jitter's source.
     * @return the datagrams.
     */
    List<byte[]> start(final List<byte[]> datagrams, final long now, final RandomGenerator random)
    {
        request = datagrams;
        sent = 1;
        deadline = now + schedule.delayNanos(sent, random);
        return datagrams;
    }

    /** The request was answered, or is given up: nothing is sent again. */
    void stop()
    {
        request = null;
    }

    /** @return true while a request waits for its answer. */
    boolean inFlight()
    {
        return request != null;
    }

    /**
     * @param now the time.
     * @return true when the request is due to go again, or to be given up.
     */
    boolean due(final long now)
    {
        return now - deadline >= 0;
    }

    /** @return true when the schedule allows no more transmissions. */
    boolean givesUp()
    {
        return !schedule.retransmitsAfter(sent);
    }

    /** @return how often the request went out. */
    int transmissions()
    {
        return sent;
    }

    /**
     * The request goes out again.
     *
     * @param now the time.
     * @param random the jitter's source.
     * @return its datagrams.
     */
    List<byte[]> again(final long now, final RandomGenerator random)
    {
        sent++;
        deadline = now + schedule.delayNanos(sent, random);
        return request;
    }
}
