package io.torii.ike.message;

import io.torii.ike.message.payload.Payload;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes an {@link IkeMessage}: the IKE header, the clear payloads, then, when the message has them,
 * the Encrypted payload (RFC 7296 §3.14) or an Encrypted Fragment payload (RFC 7383 §2.5), sealed
 * by the sending direction's {@link SkCipher}.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                     Initialization Vector                     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                    Encrypted IKE Payloads                     ~
 *  +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |               |             Padding (0-255 octets)            |
 *  +-+-+-+-+-+-+-+-+                               +-+-+-+-+-+-+-+-+
 *  |                                               |  Pad Length   |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                    Integrity Checksum Data                    ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The SK payload's Next Payload names the first inner payload. Padding is zeros, as few as make the
 * plaintext plus Pad Length a multiple of the cipher's block size. Encoding our own messages
 * throws on programming errors (a length over 16 bits, SK without a cipher); only decoding must
 * take any input.
 */
public final class IkeMessageEncoder
{
    private static final int MAX_PAYLOAD_LENGTH = 0xFFFF;
    private static final int FRAGMENT_NUMBERS_LENGTH = 4;

    private IkeMessageEncoder()
    {
    }

    /**
     * @param message the message.
     * @param cipher the sending direction's cipher; may be null when the message has no SK or SKF.
     * @return the datagram payload: the whole IKE message.
     * @throws IllegalArgumentException when the message needs a cipher and has none, or a length
     *     does not fit its field.
     */
    public static byte[] encode(final IkeMessage message, final SkCipher cipher)
    {
        final boolean sealed = message.hasEncrypted() || message.fragment() != null;
        if (sealed && cipher == null)
        {
            throw new IllegalArgumentException("a message with SK or SKF needs a cipher");
        }
        final int plainLength = chainLength(message.payloads());
        int plaintextLength = 0;
        int padLength = 0;
        int sealedLength = 0;
        if (sealed)
        {
            plaintextLength = message.hasEncrypted() ? chainLength(message.encrypted()) :
                message.fragment().content().length;
            padLength = padLength(plaintextLength, cipher.blockSize());
            sealedLength = Payload.GENERIC_HEADER_LENGTH + (message.hasEncrypted() ? 0 : FRAGMENT_NUMBERS_LENGTH) +
                cipher.ivLength() + plaintextLength + padLength + 1 + cipher.icvLength();
            checkPayloadLength(sealedLength);
        }
        final int totalLength = IkeHeaderFlyweight.LENGTH + plainLength + sealedLength;
        final byte[] bytes = new byte[totalLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int sealedType = !sealed ? PayloadType.NONE :
            message.hasEncrypted() ? PayloadType.SK : PayloadType.SKF;
        final List<Payload> plain = message.payloads();
        new IkeHeaderFlyweight().wrap(buffer, 0)
            .initiatorSpi(message.initiatorSpi())
            .responderSpi(message.responderSpi())
            .nextPayload(plain.isEmpty() ? sealedType : plain.getFirst().type())
            .version(IkeHeaderFlyweight.MAJOR_VERSION, IkeHeaderFlyweight.MINOR_VERSION)
            .exchangeType(message.exchangeType())
            .flags((message.initiator() ? IkeHeaderFlyweight.FLAG_INITIATOR : 0) |
                (message.response() ? IkeHeaderFlyweight.FLAG_RESPONSE : 0))
            .messageId(message.messageId())
            .length(totalLength);
        int at = writeChain(plain, sealedType, buffer, IkeHeaderFlyweight.LENGTH);
        if (!sealed)
        {
            return bytes;
        }
        final int sealedStart = at;
        final int firstInnerType;
        if (message.hasEncrypted())
        {
            firstInnerType = message.encrypted().isEmpty() ? PayloadType.NONE : message.encrypted().getFirst().type();
            at += Payload.GENERIC_HEADER_LENGTH;
        }
        else
        {
            final EncryptedFragment fragment = message.fragment();
            firstInnerType = fragment.number() == 1 ? fragment.firstInnerType() : PayloadType.NONE;
            buffer.putShort(at + Payload.GENERIC_HEADER_LENGTH, (short)fragment.number(), ByteOrder.BIG_ENDIAN);
            buffer.putShort(at + Payload.GENERIC_HEADER_LENGTH + 2, (short)fragment.total(), ByteOrder.BIG_ENDIAN);
            at += Payload.GENERIC_HEADER_LENGTH + FRAGMENT_NUMBERS_LENGTH;
        }
        writeGenericHeader(buffer, sealedStart, firstInnerType, false, sealedLength);
        final int ivOffset = at;
        final int plaintextStart = ivOffset + cipher.ivLength();
        if (message.hasEncrypted())
        {
            writeChain(message.encrypted(), PayloadType.NONE, buffer, plaintextStart);
        }
        else
        {
            buffer.putBytes(plaintextStart, message.fragment().content());
        }
        // Padding stays as the zeros the array was created with.
        final int icvOffset = plaintextStart + plaintextLength + padLength + 1;
        bytes[icvOffset - 1] = (byte)padLength;
        cipher.seal(bytes, ivOffset, icvOffset);
        return bytes;
    }

    /**
     * Splits a message's encrypted payloads over SKF payloads (RFC 7383 §2.5), each message holding
     * at most {@code maxContent} bytes of the inner chain; the clear payloads go into every fragment.
     *
     * @param message a message with SK.
     * @param cipher the sending direction's cipher.
     * @param maxContent the most plaintext bytes per fragment, at least 1.
     * @return the fragments' datagrams, fragment 1 first.
     * @throws IllegalArgumentException when the message has no SK, or makes more than 65535 fragments.
     */
    public static List<byte[]> encodeFragments(final IkeMessage message, final SkCipher cipher, final int maxContent)
    {
        if (!message.hasEncrypted() || maxContent < 1)
        {
            throw new IllegalArgumentException("fragmenting needs a message with SK and a positive fragment size");
        }
        final byte[] inner = new byte[chainLength(message.encrypted())];
        writeChain(message.encrypted(), PayloadType.NONE, new UnsafeBuffer(inner), 0);
        final int total = Math.max(1, (inner.length + maxContent - 1) / maxContent);
        final int firstType = message.encrypted().isEmpty() ? PayloadType.NONE : message.encrypted().getFirst().type();
        final List<byte[]> datagrams = new ArrayList<>(total);
        for (int number = 1; number <= total; number++)
        {
            final int from = (number - 1) * maxContent;
            final byte[] content = Arrays.copyOfRange(inner, from, Math.min(inner.length, from + maxContent));
            datagrams.add(encode(new IkeMessage(message.initiatorSpi(), message.responderSpi(),
                message.exchangeType(), message.initiator(), message.response(), message.messageId(),
                message.payloads(), null, new EncryptedFragment(number, total, firstType, content)), cipher));
        }
        return datagrams;
    }

    /**
     * @param plaintextLength bytes of inner payloads.
     * @param blockSize the cipher's block size.
     * @return the padding that makes plaintext plus Pad Length a multiple of the block size.
     */
    public static int padLength(final int plaintextLength, final int blockSize)
    {
        return (blockSize - (plaintextLength + 1) % blockSize) % blockSize;
    }

    /**
     * @param payloads payloads in chain order.
     * @return bytes they take with their generic headers.
     */
    static int chainLength(final List<Payload> payloads)
    {
        int length = 0;
        for (final Payload payload : payloads)
        {
            final int payloadLength = Payload.GENERIC_HEADER_LENGTH + payload.bodyLength();
            checkPayloadLength(payloadLength);
            length += payloadLength;
        }
        return length;
    }

    /** @return the offset after the chain. */
    private static int writeChain(
        final List<Payload> payloads, final int typeAfter, final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        for (int i = 0; i < payloads.size(); i++)
        {
            final Payload payload = payloads.get(i);
            final int next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : typeAfter;
            final int length = Payload.GENERIC_HEADER_LENGTH + payload.bodyLength();
            writeGenericHeader(buffer, at, next, payload.critical(), length);
            payload.encodeBody(buffer, at + Payload.GENERIC_HEADER_LENGTH);
            at += length;
        }
        return at;
    }

    private static void writeGenericHeader(
        final MutableDirectBuffer buffer, final int offset, final int next, final boolean critical, final int length)
    {
        buffer.putByte(offset, (byte)next);
        buffer.putByte(offset + 1, (byte)(critical ? 0x80 : 0));
        buffer.putShort(offset + 2, (short)length, ByteOrder.BIG_ENDIAN);
    }

    private static void checkPayloadLength(final int length)
    {
        if (length > MAX_PAYLOAD_LENGTH)
        {
            throw new IllegalArgumentException("a payload of " + length + " bytes exceeds the 16-bit Payload Length");
        }
    }
}
