package io.torii.dataplane.handoff;

import io.torii.dataplane.crypto.EncryptionAlgorithm;
import io.torii.dataplane.crypto.IntegrityAlgorithm;
import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecMode;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.sadb.SaConfig;
import java.net.InetAddress;
import java.util.Arrays;
import org.agrona.MutableDirectBuffer;

/**
 * {@link MessageTypes#ADD_SA}: install an SA, with its keys. Every {@link SaConfig} field travels.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  0 Correlation id (64 bits)                                   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  8 SPI                                                        |
 *  | 12 Tunnel id                                                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 16 Direction    |  IP protocol  |  Mode         |  Flags: 1 UDP encapsulation, 2 ESN
 *  | 20 UDP source port              |  UDP destination port         |
 *  | 24 Encryption   |  Integrity    |  Address len  |  Name length  |
 *  | 28 Enc key len  |  Integ key len|  reserved, zero               |
 *  | 32 Replay window                                              |
 *  | 36 TFC pad-to length                                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 40 Initial sequence number (64 bits)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 48 Lifetimes: soft/hard bytes, soft/hard packets, soft/hard    |
 *  |    seconds, 64 bits each, 0 no limit (48 bytes)               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | 96 Source address (4 or 16), destination address (same)      ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Encryption key (key then salt), integrity key              ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Name, UTF-8                                                ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Algorithms, direction and mode are enum ordinals; the protocol is its IP protocol number. The keys lie in
 * one contiguous region ({@link #keysOffset()}, {@link #keysLength()}) so that the reader can
 * {@link #destroyKeys() zero} them in the ring as soon as it has copied them.
 */
public final class AddSaFlyweight extends MessageFlyweight
{
    /** Offset of the SPI. */
    public static final int SPI_OFFSET = 8;
    /** Offset of the tunnel id. */
    public static final int TUNNEL_ID_OFFSET = 12;
    /** Offset of the {@link Direction} ordinal. */
    public static final int DIRECTION_OFFSET = 16;
    /** Offset of the IP protocol number. */
    public static final int PROTOCOL_OFFSET = 17;
    /** Offset of the {@link IpsecMode} ordinal. */
    public static final int MODE_OFFSET = 18;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 19;
    /** Offset of the UDP source port. */
    public static final int SOURCE_PORT_OFFSET = 20;
    /** Offset of the UDP destination port. */
    public static final int DESTINATION_PORT_OFFSET = 22;
    /** Offset of the {@link EncryptionAlgorithm} ordinal. */
    public static final int ENCRYPTION_OFFSET = 24;
    /** Offset of the {@link IntegrityAlgorithm} ordinal. */
    public static final int INTEGRITY_OFFSET = 25;
    /** Offset of the address length: 4 or 16. */
    public static final int ADDRESS_LENGTH_OFFSET = 26;
    /** Offset of the name's UTF-8 length. */
    public static final int NAME_LENGTH_OFFSET = 27;
    /** Offset of the encryption key's length. */
    public static final int ENCRYPTION_KEY_LENGTH_OFFSET = 28;
    /** Offset of the integrity key's length. */
    public static final int INTEGRITY_KEY_LENGTH_OFFSET = 29;
    /** Offset of the replay window. */
    public static final int REPLAY_WINDOW_OFFSET = 32;
    /** Offset of the TFC pad-to length. */
    public static final int TFC_PAD_OFFSET = 36;
    /** Offset of the initial sequence number. */
    public static final int INITIAL_SEQUENCE_OFFSET = 40;
    /** Offset of the lifetimes. */
    public static final int LIFETIMES_OFFSET = 48;
    /** Offset of the source address; the fixed part's length. */
    public static final int ADDRESSES_OFFSET = LIFETIMES_OFFSET + LIFETIMES_LENGTH;
    /** Flag: ESP in UDP. */
    public static final int FLAG_UDP_ENCAPSULATION = 1;
    /** Flag: extended sequence numbers. */
    public static final int FLAG_ESN = 2;
    /** The longest name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 255;
    /** The longest message: IPv6, the longest keys the length fields allow, the longest name. */
    public static final int MAX_LENGTH = ADDRESSES_OFFSET + 2 * 16 + 2 * 255 + MAX_NAME_LENGTH;

    /**
     * @param buffer the buffer.
     * @param offset where the message starts.
     * @return this flyweight.
     */
    public AddSaFlyweight wrap(final MutableDirectBuffer buffer, final int offset)
    {
        wrapAt(buffer, offset);
        return this;
    }

    /**
     * @param config the SA.
     * @param nameLength its name's UTF-8 length.
     * @return the message length that carries it.
     */
    public static int length(final SaConfig config, final int nameLength)
    {
        final int addressLength = config.isIpv6() ? 16 : 4;
        return ADDRESSES_OFFSET + 2 * addressLength + config.encryptionKey().length + config.integrityKey().length +
            nameLength;
    }

    /**
     * Writes every field; the message must be {@link #length} bytes long.
     *
     * @param correlationId the correlation id.
     * @param config the SA.
     * @param name its name's UTF-8 bytes, at most {@link #MAX_NAME_LENGTH}.
     * @param direction its direction.
     * @param tunnelId its tunnel.
     * @param lifetimes its limits.
     */
    public void set(
        final long correlationId,
        final SaConfig config,
        final byte[] name,
        final Direction direction,
        final int tunnelId,
        final SaLifetimes lifetimes)
    {
        final byte[] source = config.source().getAddress();
        final byte[] destination = config.destination().getAddress();
        correlationId(correlationId);
        i32(SPI_OFFSET, config.spi());
        i32(TUNNEL_ID_OFFSET, tunnelId);
        u8(DIRECTION_OFFSET, direction.ordinal());
        u8(PROTOCOL_OFFSET, config.protocol().ipProtocol());
        u8(MODE_OFFSET, config.mode().ordinal());
        u8(FLAGS_OFFSET, (config.udpEncapsulation() ? FLAG_UDP_ENCAPSULATION : 0) | (config.esn() ? FLAG_ESN : 0));
        u16(SOURCE_PORT_OFFSET, config.sourcePort());
        u16(DESTINATION_PORT_OFFSET, config.destinationPort());
        u8(ENCRYPTION_OFFSET, config.encryption().ordinal());
        u8(INTEGRITY_OFFSET, config.integrity().ordinal());
        u8(ADDRESS_LENGTH_OFFSET, source.length);
        u8(NAME_LENGTH_OFFSET, name.length);
        u8(ENCRYPTION_KEY_LENGTH_OFFSET, config.encryptionKey().length);
        u8(INTEGRITY_KEY_LENGTH_OFFSET, config.integrityKey().length);
        u16(INTEGRITY_KEY_LENGTH_OFFSET + 1, 0);
        i32(REPLAY_WINDOW_OFFSET, config.replayWindow());
        i32(TFC_PAD_OFFSET, config.tfcPadToLength());
        i64(INITIAL_SEQUENCE_OFFSET, config.initialSequence());
        lifetimes(LIFETIMES_OFFSET, lifetimes);
        buffer.putBytes(offset + ADDRESSES_OFFSET, source);
        buffer.putBytes(offset + ADDRESSES_OFFSET + source.length, destination);
        buffer.putBytes(offset + keysOffset(), config.encryptionKey());
        buffer.putBytes(offset + keysOffset() + config.encryptionKey().length, config.integrityKey());
        text(keysOffset() + keysLength(), name);
    }

    /**
     * @param length the message length the ring gave.
     * @return null when the fields fit that length, otherwise what is wrong.
     */
    public String validateLength(final int length)
    {
        if (length < ADDRESSES_OFFSET)
        {
            return "add-SA message of " + length + " bytes, expected at least " + ADDRESSES_OFFSET;
        }
        final int addressLength = addressLength();
        if (addressLength != 4 && addressLength != 16)
        {
            return "add-SA address length " + addressLength + ", expected 4 or 16";
        }
        if (length < keysOffset() + keysLength() + nameLength())
        {
            return "add-SA message of " + length + " bytes is shorter than its addresses, keys and name";
        }
        return null;
    }

    /** @return the address length: 4 or 16. */
    public int addressLength()
    {
        return u8(ADDRESS_LENGTH_OFFSET);
    }

    /** @return the name's UTF-8 length. */
    public int nameLength()
    {
        return u8(NAME_LENGTH_OFFSET);
    }

    /** @return where the keys start, from the message start. */
    public int keysOffset()
    {
        return ADDRESSES_OFFSET + 2 * addressLength();
    }

    /** @return the keys' total length. */
    public int keysLength()
    {
        return u8(ENCRYPTION_KEY_LENGTH_OFFSET) + u8(INTEGRITY_KEY_LENGTH_OFFSET);
    }

    /** @return the direction, or null when the code is unknown. */
    public Direction direction()
    {
        return MessageTypes.direction(u8(DIRECTION_OFFSET));
    }

    /** @return the tunnel id. */
    public int tunnelId()
    {
        return i32(TUNNEL_ID_OFFSET);
    }

    /**
     * @return the limits.
     * @throws IllegalArgumentException when they are not valid limits.
     */
    public SaLifetimes lifetimes()
    {
        return lifetimes(LIFETIMES_OFFSET);
    }

    /**
     * Decodes the SA record, copying its keys out of the buffer. Call after {@link #validateLength}.
     *
     * @return the SA; the caller owns its key arrays.
     * @throws IllegalArgumentException when a code is unknown or the record fails {@link SaConfig}'s checks.
     */
    public SaConfig config()
    {
        final IpsecProtocol protocol = MessageTypes.protocol(u8(PROTOCOL_OFFSET));
        final IpsecMode mode = MessageTypes.mode(u8(MODE_OFFSET));
        final EncryptionAlgorithm encryption = MessageTypes.encryption(u8(ENCRYPTION_OFFSET));
        final IntegrityAlgorithm integrity = MessageTypes.integrity(u8(INTEGRITY_OFFSET));
        if (protocol == null || mode == null || encryption == null || integrity == null)
        {
            throw new IllegalArgumentException("add-SA with an unknown protocol " + u8(PROTOCOL_OFFSET) + ", mode " +
                u8(MODE_OFFSET) + ", encryption " + u8(ENCRYPTION_OFFSET) + " or integrity " + u8(INTEGRITY_OFFSET));
        }
        final int addressLength = addressLength();
        final byte[] encryptionKey = new byte[u8(ENCRYPTION_KEY_LENGTH_OFFSET)];
        final byte[] integrityKey = new byte[u8(INTEGRITY_KEY_LENGTH_OFFSET)];
        buffer.getBytes(offset + keysOffset(), encryptionKey);
        buffer.getBytes(offset + keysOffset() + encryptionKey.length, integrityKey);
        final int flags = u8(FLAGS_OFFSET);
        try
        {
            return new SaConfig(
                text(keysOffset() + keysLength(), nameLength()),
                i32(SPI_OFFSET),
                address(ADDRESSES_OFFSET, addressLength),
                address(ADDRESSES_OFFSET + addressLength, addressLength),
                protocol,
                mode,
                (flags & FLAG_UDP_ENCAPSULATION) != 0,
                u16(SOURCE_PORT_OFFSET),
                u16(DESTINATION_PORT_OFFSET),
                encryption,
                integrity,
                encryptionKey,
                integrityKey,
                (flags & FLAG_ESN) != 0,
                i64(INITIAL_SEQUENCE_OFFSET),
                i32(REPLAY_WINDOW_OFFSET),
                i32(TFC_PAD_OFFSET));
        }
        catch (final RuntimeException ex)
        {
            Arrays.fill(encryptionKey, (byte)0);
            Arrays.fill(integrityKey, (byte)0);
            throw ex;
        }
    }

    /**
     * Zeroes the keys where they lie in the buffer: keys must not linger in shared memory once read.
     * Call after {@link #validateLength}.
     */
    public void destroyKeys()
    {
        buffer.setMemory(offset + keysOffset(), keysLength(), (byte)0);
    }
}
