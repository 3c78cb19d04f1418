package io.torii.dataplane.status.shm;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import java.nio.charset.StandardCharsets;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * The key of a Torii counter: the fields a reader groups by, so that it never parses labels.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Worker id                                                   |
 *  |  4 Disposition ordinal, or -1 on SA and port counters          |
 *  |  8 SA slot in the worker's table, or -1 on others              |
 *  | 12 SPI, as on the wire; port counters: side, 1 lan or 2 wan    |
 *  | 16 IP protocol: 50 ESP, 51 AH; 0 on others                     |
 *  | 20 Direction: 1 inbound, 2 outbound; 0 on others               |
 *  | 24 Name length in bytes                                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 28 Name, UTF-8, cut to 84 bytes on a character boundary: the   |
 *  |    SA's, or the port's kind (udp, afxdp...); empty on workers' |
 *  |    ... to 112, Agrona's key length                             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Native byte order, as Agrona writes the rest of the record: the file never leaves the machine.
 * Which fields a counter fills depends on its {@link CounterTypes type}; a port counter keeps its
 * side where an SA counter keeps its SPI, so that the key stays one layout.
 */
public final class CounterKey
{
    /** Offset of the worker id. */
    public static final int WORKER_OFFSET = 0;
    /** Offset of the disposition ordinal. */
    public static final int DISPOSITION_OFFSET = 4;
    /** Offset of the SA slot. */
    public static final int SLOT_OFFSET = 8;
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 12;
    /** Offset of a port counter's {@link PortSide} code, where SA counters keep the SPI. */
    public static final int SIDE_OFFSET = SPI_OFFSET;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 16;
    /** Offset of the direction code. */
    public static final int DIRECTION_OFFSET = 20;
    /** Offset of the name's length. */
    public static final int NAME_LENGTH_OFFSET = 24;
    /** Offset of the name's bytes. */
    public static final int NAME_OFFSET = 28;
    /** The whole key: Agrona's maximum. */
    public static final int LENGTH = CountersReader.MAX_KEY_LENGTH;
    /** The longest name kept, in bytes. */
    public static final int MAX_NAME_LENGTH = LENGTH - NAME_OFFSET;

    private static final int INBOUND = 1;
    private static final int OUTBOUND = 2;

    private DirectBuffer buffer;
    private int offset;

    /**
     * @param buffer the buffer the key lies in.
     * @param offset where it starts.
     * @return this flyweight.
     */
    public CounterKey wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes the key of a worker counter: no SA fields, an empty name.
     *
     * @param workerId the worker.
     * @param dispositionOrdinal the disposition, or -1 when the counter has none.
     * @return the key's length.
     */
    public int putWorker(final int workerId, final int dispositionOrdinal)
    {
        final MutableDirectBuffer out = mutable();
        out.setMemory(offset, LENGTH, (byte)0);
        out.putInt(offset + WORKER_OFFSET, workerId);
        out.putInt(offset + DISPOSITION_OFFSET, dispositionOrdinal);
        out.putInt(offset + SLOT_OFFSET, -1);
        return LENGTH;
    }

    /**
     * Writes the key of a per-SA counter.
     *
     * @param workerId the worker that owns the SA.
     * @param slot the SA's slot in the worker's table.
     * @param spi the SPI.
     * @param protocol ESP or AH.
     * @param direction inbound or outbound.
     * @param name the SA's name; cut to {@link #MAX_NAME_LENGTH} bytes.
     * @return the key's length.
     */
    public int putSa(
        final int workerId,
        final int slot,
        final int spi,
        final IpsecProtocol protocol,
        final Direction direction,
        final String name)
    {
        final MutableDirectBuffer out = mutable();
        out.setMemory(offset, LENGTH, (byte)0);
        out.putInt(offset + WORKER_OFFSET, workerId);
        out.putInt(offset + DISPOSITION_OFFSET, -1);
        out.putInt(offset + SLOT_OFFSET, slot);
        out.putInt(offset + SPI_OFFSET, spi);
        out.putInt(offset + PROTOCOL_OFFSET, protocol.ipProtocol());
        out.putInt(offset + DIRECTION_OFFSET, direction == Direction.INBOUND ? INBOUND : OUTBOUND);
        putName(out, name);
        return LENGTH;
    }

    /**
     * Writes the key of a port counter: the worker, the side, and the kind of port as the name.
     *
     * @param workerId the worker whose port it is.
     * @param side which of the worker's ports.
     * @param kind what the port is, such as {@code udp} or {@code afxdp}; cut to {@link #MAX_NAME_LENGTH} bytes.
     * @return the key's length.
     */
    public int putPort(final int workerId, final PortSide side, final String kind)
    {
        final MutableDirectBuffer out = mutable();
        out.setMemory(offset, LENGTH, (byte)0);
        out.putInt(offset + WORKER_OFFSET, workerId);
        out.putInt(offset + DISPOSITION_OFFSET, -1);
        out.putInt(offset + SLOT_OFFSET, -1);
        out.putInt(offset + SIDE_OFFSET, side.code());
        putName(out, kind);
        return LENGTH;
    }

    private void putName(final MutableDirectBuffer out, final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        final int length = utf8Prefix(bytes, MAX_NAME_LENGTH);
        out.putInt(offset + NAME_LENGTH_OFFSET, length);
        out.putBytes(offset + NAME_OFFSET, bytes, 0, length);
    }

    /**
     * @return the longest prefix of {@code bytes}, at most {@code max} long, that does not end inside
     *         a multi-byte character: a cut name still decodes.
     */
    static int utf8Prefix(final byte[] bytes, final int max)
    {
        if (bytes.length <= max)
        {
            return bytes.length;
        }
        int length = max;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--;
        }
        return length;
    }

    private MutableDirectBuffer mutable()
    {
        if (!(buffer instanceof MutableDirectBuffer out))
        {
            throw new IllegalStateException("the key's buffer is read-only");
        }
        return out;
    }

    /** @return the worker id. */
    public int workerId()
    {
        return buffer.getInt(offset + WORKER_OFFSET);
    }

    /** @return the disposition ordinal, or -1. */
    public int dispositionOrdinal()
    {
        return buffer.getInt(offset + DISPOSITION_OFFSET);
    }

    /** @return the SA slot, or -1. */
    public int slot()
    {
        return buffer.getInt(offset + SLOT_OFFSET);
    }

    /** @return the SPI, or 0. */
    public int spi()
    {
        return buffer.getInt(offset + SPI_OFFSET);
    }

    /** @return a port counter's side, or null on other counters. */
    public PortSide side()
    {
        return PortSide.ofCode(buffer.getInt(offset + SIDE_OFFSET));
    }

    /** @return ESP or AH, or null on a worker counter or an unknown number. */
    public IpsecProtocol protocol()
    {
        final int number = buffer.getInt(offset + PROTOCOL_OFFSET);
        for (final IpsecProtocol protocol : IpsecProtocol.values())
        {
            if (protocol.ipProtocol() == number)
            {
                return protocol;
            }
        }
        return null;
    }

    /** @return the direction, or null on a worker counter. */
    public Direction direction()
    {
        return switch (buffer.getInt(offset + DIRECTION_OFFSET))
        {
            case INBOUND -> Direction.INBOUND;
            case OUTBOUND -> Direction.OUTBOUND;
            default -> null;
        };
    }

    /** @return the SA's name or the port's kind, empty on worker counters. Allocates: for readers, not the hot path. */
    public String name()
    {
        final int length = Math.clamp(buffer.getInt(offset + NAME_LENGTH_OFFSET), 0, MAX_NAME_LENGTH);
        return buffer.getStringWithoutLengthUtf8(offset + NAME_OFFSET, length);
    }
}
