package io.torii.ike.message;

import io.torii.ike.message.payload.Payload;
import io.torii.ike.message.payload.PayloadDecoder;
import io.torii.ike.message.payload.PayloadResult;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads an IKEv2 message (RFC 7296 §3): checks the header, walks the next-payload chain with every
 * length checked, decodes and verifies each payload, and opens an Encrypted payload (§3.14) or an
 * Encrypted Fragment payload (RFC 7383 §2.5) with the receiving direction's {@link SkCipher}. It
 * never throws on bad input: every refusal is a {@link DecodeResult} with a {@link MalformedReason}.
 * <p>
 * The decoder works on its own copy of the message, so the caller's buffer is left as received and
 * the cipher sees offsets from the IKE header, as {@link SkCipher} expects. Per-exchange rules are
 * a separate step: {@link PayloadRules#verify(IkeMessage)}.
 */
public final class IkeMessageDecoder
{
    private static final int FRAGMENT_NUMBERS_LENGTH = 4;

    private IkeMessageDecoder()
    {
    }

    /**
     * @param datagram the bytes received.
     * @param offset where the IKE header starts.
     * @param length bytes of the message.
     * @param cipher the receiving direction's cipher, or null before keys exist (IKE_SA_INIT): a
     *     message with SK or SKF is then refused as {@link MalformedReason#UNEXPECTED_ENCRYPTED}.
     * @return the message, or why it was refused.
     */
    public static DecodeResult decode(final byte[] datagram, final int offset, final int length, final SkCipher cipher)
    {
        if (datagram == null || offset < 0 || length < 0 || offset > datagram.length - length)
        {
            return DecodeResult.malformed(MalformedReason.LENGTH_MISMATCH, PayloadType.NONE);
        }
        if (length < IkeHeaderFlyweight.LENGTH)
        {
            return DecodeResult.malformed(MalformedReason.TRUNCATED_HEADER, PayloadType.NONE);
        }
        final byte[] bytes = Arrays.copyOfRange(datagram, offset, offset + length);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final IkeHeaderFlyweight header = new IkeHeaderFlyweight().wrap(buffer, 0);
        if (header.length() != length)
        {
            return DecodeResult.malformed(MalformedReason.LENGTH_MISMATCH, PayloadType.NONE);
        }
        if (header.majorVersion() != IkeHeaderFlyweight.MAJOR_VERSION)
        {
            return DecodeResult.malformed(MalformedReason.UNSUPPORTED_MAJOR_VERSION, PayloadType.NONE);
        }
        final List<Payload> plain = new ArrayList<>();
        final Chain chain = walk(buffer, IkeHeaderFlyweight.LENGTH, length, header.nextPayload(), false, plain);
        if (!chain.verdict.isOk())
        {
            return new DecodeResult(null, chain.verdict);
        }
        List<Payload> encrypted = null;
        EncryptedFragment fragment = null;
        if (chain.sealedType != PayloadType.NONE)
        {
            if (cipher == null)
            {
                return DecodeResult.malformed(MalformedReason.UNEXPECTED_ENCRYPTED, chain.sealedType);
            }
            final Opened opened = open(bytes, buffer, chain, cipher);
            if (!opened.verdict.isOk())
            {
                return new DecodeResult(null, opened.verdict);
            }
            if (chain.sealedType == PayloadType.SK)
            {
                encrypted = new ArrayList<>();
                final Chain inner = walk(buffer, opened.start, opened.end, chain.firstInnerType, true, encrypted);
                if (!inner.verdict.isOk())
                {
                    return new DecodeResult(null, inner.verdict);
                }
            }
            else
            {
                fragment = new EncryptedFragment(opened.fragmentNumber, opened.totalFragments, chain.firstInnerType,
                    Arrays.copyOfRange(bytes, opened.start, opened.end));
            }
        }
        return DecodeResult.ok(new IkeMessage(header.initiatorSpi(), header.responderSpi(), header.exchangeType(),
            header.isInitiator(), header.isResponse(), header.messageId(), plain, encrypted, fragment));
    }

    /**
     * Decodes the inner payloads of a message received in fragments, once the caller has joined
     * the fragments' contents in number order (RFC 7383 §2.6).
     *
     * @param anyFragment one of the fragments, for the header fields and clear payloads.
     * @param firstInnerType the Next Payload of fragment 1's SKF payload.
     * @param innerPayloads the joined contents.
     * @return the whole message with its inner payloads as {@link IkeMessage#encrypted()}, or why not.
     */
    public static DecodeResult decodeReassembled(
        final IkeMessage anyFragment, final int firstInnerType, final byte[] innerPayloads)
    {
        final List<Payload> encrypted = new ArrayList<>();
        final Chain inner = walk(new UnsafeBuffer(innerPayloads), 0, innerPayloads.length, firstInnerType, true,
            encrypted);
        if (!inner.verdict.isOk())
        {
            return new DecodeResult(null, inner.verdict);
        }
        return DecodeResult.ok(new IkeMessage(anyFragment.initiatorSpi(), anyFragment.responderSpi(),
            anyFragment.exchangeType(), anyFragment.initiator(), anyFragment.response(), anyFragment.messageId(),
            anyFragment.payloads(), encrypted, null));
    }

    /** Where a walk ended, and the SK or SKF payload it stopped at. */
    private record Chain(Verdict verdict, int sealedType, int sealedOffset, int sealedLength, int firstInnerType)
    {
        static Chain refused(final MalformedReason reason, final int payloadType)
        {
            return new Chain(new Verdict(reason, payloadType), PayloadType.NONE, 0, 0, PayloadType.NONE);
        }
    }

    /** The plaintext range of an opened SK or SKF payload. */
    private record Opened(Verdict verdict, int start, int end, int fragmentNumber, int totalFragments)
    {
        static Opened refused(final MalformedReason reason, final int payloadType)
        {
            return new Opened(new Verdict(reason, payloadType), 0, 0, 0, 0);
        }
    }

    private static Chain walk(
        final DirectBuffer buffer,
        final int start,
        final int end,
        final int firstType,
        final boolean inner,
        final List<Payload> out)
    {
        int type = firstType;
        int at = start;
        while (type != PayloadType.NONE)
        {
            if (end - at < Payload.GENERIC_HEADER_LENGTH)
            {
                return Chain.refused(MalformedReason.TRUNCATED_PAYLOAD, type);
            }
            final int next = buffer.getByte(at) & 0xFF;
            final boolean critical = (buffer.getByte(at + 1) & 0x80) != 0;
            final int payloadLength = buffer.getShort(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (payloadLength < Payload.GENERIC_HEADER_LENGTH || payloadLength > end - at)
            {
                return Chain.refused(MalformedReason.BAD_PAYLOAD_LENGTH, type);
            }
            if (type == PayloadType.SK || type == PayloadType.SKF)
            {
                if (inner)
                {
                    return Chain.refused(MalformedReason.NESTED_ENCRYPTED, type);
                }
                if (at + payloadLength != end)
                {
                    return Chain.refused(MalformedReason.SK_NOT_LAST, type);
                }
                return new Chain(Verdict.OK, type, at, payloadLength, next);
            }
            final PayloadResult result = PayloadDecoder.decode(type, critical, buffer,
                at + Payload.GENERIC_HEADER_LENGTH, payloadLength - Payload.GENERIC_HEADER_LENGTH);
            if (!result.isOk())
            {
                return Chain.refused(result.reason(), type);
            }
            out.add(result.payload());
            at += payloadLength;
            type = next;
        }
        if (at != end)
        {
            return Chain.refused(MalformedReason.LENGTH_MISMATCH, PayloadType.NONE);
        }
        return new Chain(Verdict.OK, PayloadType.NONE, 0, 0, PayloadType.NONE);
    }

    private static Opened open(final byte[] bytes, final DirectBuffer buffer, final Chain chain, final SkCipher cipher)
    {
        final int type = chain.sealedType;
        int ivOffset = chain.sealedOffset + Payload.GENERIC_HEADER_LENGTH;
        int fragmentNumber = 0;
        int totalFragments = 0;
        if (type == PayloadType.SKF)
        {
            if (chain.sealedLength < Payload.GENERIC_HEADER_LENGTH + FRAGMENT_NUMBERS_LENGTH)
            {
                return Opened.refused(MalformedReason.BAD_ENCRYPTED_LENGTH, type);
            }
            fragmentNumber = buffer.getShort(ivOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            totalFragments = buffer.getShort(ivOffset + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (fragmentNumber < 1 || fragmentNumber > totalFragments)
            {
                return Opened.refused(MalformedReason.BAD_FRAGMENT_NUMBER, type);
            }
            ivOffset += FRAGMENT_NUMBERS_LENGTH;
        }
        final int end = chain.sealedOffset + chain.sealedLength;
        final int plaintextStart = ivOffset + cipher.ivLength();
        final int icvOffset = end - cipher.icvLength();
        final int ciphertextLength = icvOffset - plaintextStart;
        final int blockSize = Math.max(1, cipher.blockSize());
        if (ciphertextLength < 1 || ciphertextLength % blockSize != 0)
        {
            return Opened.refused(MalformedReason.BAD_ENCRYPTED_LENGTH, type);
        }
        if (!cipher.open(bytes, ivOffset, icvOffset))
        {
            return Opened.refused(MalformedReason.INTEGRITY_FAILED, type);
        }
        final int padLength = bytes[icvOffset - 1] & 0xFF;
        if (padLength + 1 > ciphertextLength)
        {
            return Opened.refused(MalformedReason.BAD_PADDING, type);
        }
        return new Opened(Verdict.OK, plaintextStart, icvOffset - 1 - padLength, fragmentNumber, totalFragments);
    }
}
