package io.torii.dataplane.status.shm;

/**
 * The Agrona type ids of Torii's counters: a reader picks counters by type, then reads the
 * {@link CounterKey} fields that type defines. Ids below 1000 are left to Agrona and Aeron tools.
 */
public final class CounterTypes
{
    /** Packets a worker finished with one disposition; key: worker id and disposition ordinal. */
    public static final int WORKER_PACKETS = 1000;
    /** SAs a worker installed without per-SA counters because the file was full; key: worker id. */
    public static final int WORKER_SAS_WITHOUT_COUNTERS = 1001;
    /** Packets an SA processed successfully; key: worker, SA slot, SPI, protocol, direction, name. */
    public static final int SA_PACKETS = 1010;
    /** Bytes of the packets an SA processed successfully, as they left the stage; key as SA_PACKETS. */
    public static final int SA_BYTES = 1011;
    /** Packets of an SA that were dropped, for any reason; key as SA_PACKETS. */
    public static final int SA_DROPPED = 1012;
    /** Packets a worker's port dropped on transmit (device full, send error); key: worker id, side, port kind. */
    public static final int PORT_TRANSMIT_DROPPED = 1020;
    /** Packets a worker's port dropped on receive (truncated, not IP); key as PORT_TRANSMIT_DROPPED. */
    public static final int PORT_RECEIVE_DROPPED = 1021;

    private CounterTypes()
    {
    }
}
