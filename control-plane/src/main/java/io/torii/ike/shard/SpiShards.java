package io.torii.ike.shard;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * Which IKE handler owns a message: the shard is read from our SPI, whose low eight bits carry it, and
 * an IKE_SA_INIT request, which has no SPI of ours yet, goes to the shard that a keyed hash of the
 * initiator's SPI and address picks, so that its retransmissions and its cookie retry reach the same
 * handler (RFC 7296 §2.1, §2.6). The handler then allocates a responder SPI that carries its shard.
 *
 * <p>The IKE header fields it reads (RFC 7296 §3.1):
 * <pre>
 *                      1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Initiator's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       IKE SA Responder's SPI                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Payload | MjVer | MnVer | Exchange Type |     Flags     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The Flags' I bit (0x08) says the sender is the SA's original initiator: then our SPI is the
 * responder's, otherwise the initiator's.
 *
 * <p>With one shard every SPI is left as drawn, exactly as a daemon without shards allocates them.
 */
public final class SpiShards
{
    /** The most shards the eight SPI bits can name. */
    public static final int MAX_SHARDS = 256;
    private static final long SHARD_MASK = 0xFFL;
    private static final int RESPONDER_SPI_OFFSET = 8;
    private static final int FLAGS_OFFSET = 19;
    private static final int HEADER_LENGTH = 28;
    private static final int INITIATOR_FLAG = 0x08;

    private final int count;
    private final long hashKey;

    /**
     * @param count how many shards: 1 to {@link #MAX_SHARDS}.
     * @param hashKey keys the hash that places IKE_SA_INIT requests, so that a peer cannot aim every
     *        request at one handler; drawn at random per daemon.
     * @throws IllegalArgumentException when the count is out of range.
     */
    public SpiShards(final int count, final long hashKey)
    {
        if (count < 1 || count > MAX_SHARDS)
        {
            throw new IllegalArgumentException("IKE handlers: expected 1 to " + MAX_SHARDS + ", found " + count);
        }
        this.count = count;
        this.hashKey = hashKey;
    }

    /** @return how many shards. */
    public int count()
    {
        return count;
    }

    /**
     * @param drawn a random 64-bit value.
     * @param shard the shard the SPI is for.
     * @return the value with the shard in its low eight bits; unchanged with one shard.
     */
    public long stamp(final long drawn, final int shard)
    {
        checkShard(shard);
        return count == 1 ? drawn : drawn & ~SHARD_MASK | shard;
    }

    /**
     * @param shard a shard.
     * @return what turns random values into that shard's SPIs, for its SA manager.
     */
    public LongUnaryOperator stampFor(final int shard)
    {
        checkShard(shard);
        return drawn -> stamp(drawn, shard);
    }

    /**
     * @param ourSpi an SPI this daemon allocated.
     * @return the shard that owns it; an SPI no shard made still maps to one, which drops its messages.
     */
    public int shardOfSpi(final long ourSpi)
    {
        return count == 1 ? 0 : (int)((ourSpi & SHARD_MASK) % count);
    }

    /**
     * @param initiatorSpi the initiator's SPI of a new IKE_SA_INIT request.
     * @param peer where it came from.
     * @return the shard that answers it: the same for each retransmission.
     */
    public int shardOfInit(final long initiatorSpi, final InetSocketAddress peer)
    {
        if (count == 1)
        {
            return 0;
        }
        final byte[] address = peer.getAddress().getAddress();
        long hash = mix(hashKey ^ initiatorSpi);
        hash = mix(hash ^ Arrays.hashCode(address) ^ (long)peer.getPort() << 32);
        return (int)Long.remainderUnsigned(hash, count);
    }

    /**
     * @param connectionName a connection's name.
     * @return the shard that initiates it when nothing else decides.
     */
    public int shardOfName(final String connectionName)
    {
        return count == 1 ? 0 : (int)Long.remainderUnsigned(mix(hashKey ^ connectionName.hashCode()), count);
    }

    /**
     * @param message a received IKE message, from its header on.
     * @param peer where it came from.
     * @return the shard that owns it; one too short for a header goes to shard 0, which counts the drop.
     */
    public int shardOf(final byte[] message, final InetSocketAddress peer)
    {
        if (count == 1 || message.length < HEADER_LENGTH)
        {
            return 0;
        }
        final long initiatorSpi = readLong(message, 0);
        final boolean fromInitiator = (message[FLAGS_OFFSET] & INITIATOR_FLAG) != 0;
        final long ourSpi = fromInitiator ? readLong(message, RESPONDER_SPI_OFFSET) : initiatorSpi;
        return ourSpi == 0 ? shardOfInit(initiatorSpi, peer) : shardOfSpi(ourSpi);
    }

    private void checkShard(final int shard)
    {
        if (shard < 0 || shard >= count)
        {
            throw new IllegalArgumentException("shard " + shard + " of " + count);
        }
    }

    private static long readLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++)
        {
            value = value << Byte.SIZE | bytes[offset + i] & 0xFF;
        }
        return value;
    }

    /** The 64-bit finaliser of MurmurHash3: every input bit moves about half the output bits. */
    private static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe1a85ec5L;
        h ^= h >>> 33;
        return h;
    }
}
