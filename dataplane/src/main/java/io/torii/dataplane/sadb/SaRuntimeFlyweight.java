package io.torii.dataplane.sadb;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The hot, per-direction state of one SA: what a worker reads and writes for every packet, kept
 * off-heap in two cache lines so that a burst touches as little memory as possible. The cold
 * {@link SaConfig} is not read per packet.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Sequence: outbound the last sent, inbound the highest       |
 *  |    authenticated (64 bits)                                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 Sequence soft limit: a rekey is needed beyond it (64 bits)  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Sequence hard limit: nothing is sent beyond it (64 bits)    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 24 SPI                                                         |
 *  | 28 Flags (ESN, UDP_ENCAP, TUNNEL, OUTER_IPV6, AH, events raised,|
 *  |    EXPIRED)                                                    |
 *  | 32 IV length        | 34 ICV length                            |
 *  | 36 Block size       | 38 Outer header length (IP [+ UDP])      |
 *  | 40 TFC pad-to length                                           |
 *  | 44 Crypto handle: index of the SA's transforms in its table    |
 *  | 48 Salt (4 bytes, for engines that take it apart from the key) |
 *  | 52 Outer IPv4 identification counter                           |
 *  | 56 Replay window size       | 60 reserved                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 64 Outer header template: IPv4 (20) or IPv6 (40), then UDP (8) |
 *  |    when encapsulated; lengths and checksums filled per packet  |
 *  |    ... up to 64 bytes                                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Fields are in native byte order: they never leave the machine. The template is in network
 * order, ready to copy.
 */
public final class SaRuntimeFlyweight
{
    /** Bytes per runtime: two 64-byte cache lines. */
    public static final int LENGTH = 128;
    /** Runtimes start on cache-line boundaries. */
    public static final int ALIGNMENT = 64;

    public static final int SEQUENCE_OFFSET = 0;
    public static final int SOFT_LIMIT_OFFSET = 8;
    public static final int HARD_LIMIT_OFFSET = 16;
    public static final int SPI_OFFSET = 24;
    public static final int FLAGS_OFFSET = 28;
    public static final int IV_LENGTH_OFFSET = 32;
    public static final int ICV_LENGTH_OFFSET = 34;
    public static final int BLOCK_SIZE_OFFSET = 36;
    public static final int OUTER_HEADER_LENGTH_OFFSET = 38;
    public static final int TFC_PAD_OFFSET = 40;
    public static final int CRYPTO_HANDLE_OFFSET = 44;
    public static final int SALT_OFFSET = 48;
    public static final int IPV4_IDENTIFICATION_OFFSET = 52;
    public static final int REPLAY_WINDOW_OFFSET = 56;
    public static final int TEMPLATE_OFFSET = 64;
    /** Room for the outer header template. */
    public static final int TEMPLATE_CAPACITY = 64;

    /** 64-bit extended sequence numbers. */
    public static final int FLAG_ESN = 1;
    /** ESP in UDP (RFC 3948). */
    public static final int FLAG_UDP_ENCAP = 1 << 1;
    /** Tunnel mode. */
    public static final int FLAG_TUNNEL = 1 << 2;
    /** The outer (tunnel) or only (transport) IP header is IPv6. */
    public static final int FLAG_OUTER_IPV6 = 1 << 3;
    /** AH rather than ESP. */
    public static final int FLAG_AH = 1 << 4;
    /** The soft sequence limit was crossed and the rekey event raised. */
    public static final int FLAG_REKEY_RAISED = 1 << 5;
    /** The hard sequence limit was reached and the exhaustion event raised. */
    public static final int FLAG_EXHAUSTED_RAISED = 1 << 6;
    /** A hard lifetime limit was reached: the SA neither sends nor accepts another packet. */
    public static final int FLAG_EXPIRED = 1 << 7;

    private AtomicBuffer buffer;
    private int offset;

    /**
     * @param buffer the runtime table's memory.
     * @param offset where this runtime starts, a multiple of {@link #LENGTH}.
     * @return this.
     */
    public SaRuntimeFlyweight wrap(final AtomicBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET);
    }

    public SaRuntimeFlyweight sequence(final long sequence)
    {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence);
        return this;
    }

    public long softLimit()
    {
        return buffer.getLong(offset + SOFT_LIMIT_OFFSET);
    }

    public SaRuntimeFlyweight softLimit(final long limit)
    {
        buffer.putLong(offset + SOFT_LIMIT_OFFSET, limit);
        return this;
    }

    public long hardLimit()
    {
        return buffer.getLong(offset + HARD_LIMIT_OFFSET);
    }

    public SaRuntimeFlyweight hardLimit(final long limit)
    {
        buffer.putLong(offset + HARD_LIMIT_OFFSET, limit);
        return this;
    }

    public int spi()
    {
        return buffer.getInt(offset + SPI_OFFSET);
    }

    public SaRuntimeFlyweight spi(final int spi)
    {
        buffer.putInt(offset + SPI_OFFSET, spi);
        return this;
    }

    public int flags()
    {
        return buffer.getInt(offset + FLAGS_OFFSET);
    }

    public SaRuntimeFlyweight flags(final int flags)
    {
        buffer.putInt(offset + FLAGS_OFFSET, flags);
        return this;
    }

    /** @return true when every bit of {@code flag} is set. */
    public boolean has(final int flag)
    {
        return (flags() & flag) == flag;
    }

    public int ivLength()
    {
        return buffer.getShort(offset + IV_LENGTH_OFFSET);
    }

    public SaRuntimeFlyweight ivLength(final int length)
    {
        buffer.putShort(offset + IV_LENGTH_OFFSET, (short)length);
        return this;
    }

    public int icvLength()
    {
        return buffer.getShort(offset + ICV_LENGTH_OFFSET);
    }

    public SaRuntimeFlyweight icvLength(final int length)
    {
        buffer.putShort(offset + ICV_LENGTH_OFFSET, (short)length);
        return this;
    }

    public int blockSize()
    {
        return buffer.getShort(offset + BLOCK_SIZE_OFFSET);
    }

    public SaRuntimeFlyweight blockSize(final int size)
    {
        buffer.putShort(offset + BLOCK_SIZE_OFFSET, (short)size);
        return this;
    }

    public int outerHeaderLength()
    {
        return buffer.getShort(offset + OUTER_HEADER_LENGTH_OFFSET);
    }

    public SaRuntimeFlyweight outerHeaderLength(final int length)
    {
        buffer.putShort(offset + OUTER_HEADER_LENGTH_OFFSET, (short)length);
        return this;
    }

    public int tfcPadTo()
    {
        return buffer.getInt(offset + TFC_PAD_OFFSET);
    }

    public SaRuntimeFlyweight tfcPadTo(final int length)
    {
        buffer.putInt(offset + TFC_PAD_OFFSET, length);
        return this;
    }

    public int cryptoHandle()
    {
        return buffer.getInt(offset + CRYPTO_HANDLE_OFFSET);
    }

    public SaRuntimeFlyweight cryptoHandle(final int handle)
    {
        buffer.putInt(offset + CRYPTO_HANDLE_OFFSET, handle);
        return this;
    }

    public int salt()
    {
        return buffer.getInt(offset + SALT_OFFSET);
    }

    public SaRuntimeFlyweight salt(final int salt)
    {
        buffer.putInt(offset + SALT_OFFSET, salt);
        return this;
    }

    /** @return the next outer IPv4 identification, post-incremented. */
    public int nextIpv4Identification()
    {
        final int id = buffer.getInt(offset + IPV4_IDENTIFICATION_OFFSET);
        buffer.putInt(offset + IPV4_IDENTIFICATION_OFFSET, id + 1);
        return id & 0xFFFF;
    }

    public SaRuntimeFlyweight ipv4Identification(final int id)
    {
        buffer.putInt(offset + IPV4_IDENTIFICATION_OFFSET, id);
        return this;
    }

    public int replayWindow()
    {
        return buffer.getInt(offset + REPLAY_WINDOW_OFFSET);
    }

    public SaRuntimeFlyweight replayWindow(final int size)
    {
        buffer.putInt(offset + REPLAY_WINDOW_OFFSET, size);
        return this;
    }

    /** @return the index in the buffer where the outer header template starts. */
    public int templateIndex()
    {
        return offset + TEMPLATE_OFFSET;
    }

    /** @return the memory this runtime lives in. */
    public AtomicBuffer buffer()
    {
        return buffer;
    }

    /** Zeroes the whole runtime, as when its SA is removed. */
    public void clear()
    {
        buffer.setMemory(offset, LENGTH, (byte)0);
    }
}
