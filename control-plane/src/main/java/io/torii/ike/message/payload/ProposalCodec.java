package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.proposal.Proposal;
import io.torii.ike.proposal.Transform;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The substructures of an SA payload (RFC 7296 §3.3.1 to §3.3.5).
 * <pre>
 *  Proposal substructure:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Last Substruc |   RESERVED    |         Proposal Length       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Proposal Num  |  Protocol ID  |    SPI Size   |Num  Transforms|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                        SPI (variable)                         ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                        <Transforms>                           ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Transform substructure:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Last Substruc |   RESERVED    |        Transform Length       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |Transform Type |   RESERVED    |          Transform ID         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                      Transform Attributes                     ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 *  Transform attribute:
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |A|       Attribute Type        |    AF=0  Attribute Length     |
 *  |F|                             |    AF=1  Attribute Value      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                   AF=0  Attribute Value                       |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Last Substruc is 0 on the last substructure and 2 (proposal) or 3 (transform) on the others.
 * The only attribute RFC 7296 defines is Key Length (14), in TV form (AF=1). A transform with an
 * attribute this codec does not know is left out of its proposal, which §3.3.6 allows: the
 * responder must not choose it, and leaving it out makes sure it cannot.
 */
final class ProposalCodec
{
    static final int PROPOSAL_HEADER_LENGTH = 8;
    static final int TRANSFORM_HEADER_LENGTH = 8;
    static final int ATTRIBUTE_HEADER_LENGTH = 4;
    static final int MORE_PROPOSALS = 2;
    static final int MORE_TRANSFORMS = 3;
    static final int LAST = 0;
    /** Key Length attribute type (§3.3.5). */
    static final int KEY_LENGTH_ATTRIBUTE = 14;
    /** The Attribute Format bit: TV, a 16-bit value in place of the length. */
    static final int FORMAT_TV = 0x8000;
    /** What {@link #decodeAttributes} returns for attributes that do not parse. */
    private static final int MALFORMED_ATTRIBUTES = -1;
    /** What {@link #decodeAttributes} returns for an attribute type it does not know. */
    private static final int UNKNOWN_ATTRIBUTE = -2;

    private ProposalCodec()
    {
    }

    static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final List<Proposal> proposals = new ArrayList<>();
        final int end = offset + length;
        int at = offset;
        boolean last = false;
        while (!last)
        {
            if (end - at < PROPOSAL_HEADER_LENGTH)
            {
                return PayloadResult.malformed(MalformedReason.BAD_SUBSTRUCTURE);
            }
            final int flag = Bytes.uint8(buffer, at);
            final int proposalLength = Bytes.uint16(buffer, at + 2);
            final int number = Bytes.uint8(buffer, at + 4);
            final int protocol = Bytes.uint8(buffer, at + 5);
            final int spiSize = Bytes.uint8(buffer, at + 6);
            final int transformCount = Bytes.uint8(buffer, at + 7);
            last = flag == LAST;
            if (!last && flag != MORE_PROPOSALS || proposalLength < PROPOSAL_HEADER_LENGTH + spiSize ||
                proposalLength > end - at || last && at + proposalLength != end)
            {
                return PayloadResult.malformed(MalformedReason.BAD_SUBSTRUCTURE);
            }
            if (number == 0 || number != proposals.size() + 1 && !(last && proposals.isEmpty()))
            {
                return PayloadResult.malformed(MalformedReason.BAD_PROPOSAL_NUMBER);
            }
            if (protocol == 0)
            {
                return PayloadResult.malformed(MalformedReason.BAD_PROTOCOL);
            }
            final byte[] spi = Bytes.copy(buffer, at + PROPOSAL_HEADER_LENGTH, spiSize);
            final List<Transform> transforms = new ArrayList<>();
            final MalformedReason reason = decodeTransforms(
                buffer, at + PROPOSAL_HEADER_LENGTH + spiSize, at + proposalLength, transformCount, transforms);
            if (reason != MalformedReason.OK)
            {
                return PayloadResult.malformed(reason);
            }
            proposals.add(new Proposal(number, protocol, spi, transforms));
            at += proposalLength;
        }
        return PayloadResult.ok(new SecurityAssociationPayload(proposals));
    }

    private static MalformedReason decodeTransforms(
        final DirectBuffer buffer, final int offset, final int end, final int count, final List<Transform> transforms)
    {
        int at = offset;
        for (int i = 0; i < count; i++)
        {
            if (end - at < TRANSFORM_HEADER_LENGTH)
            {
                return MalformedReason.BAD_TRANSFORM_COUNT;
            }
            final int flag = Bytes.uint8(buffer, at);
            final int transformLength = Bytes.uint16(buffer, at + 2);
            final int type = Bytes.uint8(buffer, at + 4);
            final int id = Bytes.uint16(buffer, at + 6);
            final boolean last = i == count - 1;
            if (flag != (last ? LAST : MORE_TRANSFORMS) || transformLength < TRANSFORM_HEADER_LENGTH ||
                transformLength > end - at)
            {
                return MalformedReason.BAD_SUBSTRUCTURE;
            }
            if (type == 0)
            {
                return MalformedReason.BAD_TRANSFORM;
            }
            final int keyLength = decodeAttributes(buffer, at + TRANSFORM_HEADER_LENGTH, at + transformLength);
            if (keyLength == MALFORMED_ATTRIBUTES)
            {
                return MalformedReason.BAD_TRANSFORM;
            }
            if (keyLength != UNKNOWN_ATTRIBUTE)
            {
                transforms.add(new Transform(type, id, keyLength));
            }
            at += transformLength;
        }
        return at == end ? MalformedReason.OK : MalformedReason.BAD_TRANSFORM_COUNT;
    }

    /** @return the key length, {@link Transform#NO_KEY_LENGTH}, or one of the negative markers. */
    private static int decodeAttributes(final DirectBuffer buffer, final int offset, final int end)
    {
        int keyLength = Transform.NO_KEY_LENGTH;
        boolean unknown = false;
        int at = offset;
        while (at < end)
        {
            if (end - at < ATTRIBUTE_HEADER_LENGTH)
            {
                return MALFORMED_ATTRIBUTES;
            }
            final int typeAndFormat = Bytes.uint16(buffer, at);
            final int valueOrLength = Bytes.uint16(buffer, at + 2);
            final boolean tv = (typeAndFormat & FORMAT_TV) != 0;
            final int type = typeAndFormat & ~FORMAT_TV;
            if (type == KEY_LENGTH_ATTRIBUTE)
            {
                // One Key Length, in TV form, and not 0: 0 means "absent" in Transform.
                if (!tv || keyLength != Transform.NO_KEY_LENGTH || valueOrLength == 0)
                {
                    return MALFORMED_ATTRIBUTES;
                }
                keyLength = valueOrLength;
            }
            else
            {
                unknown = true;
            }
            final int attributeLength = ATTRIBUTE_HEADER_LENGTH + (tv ? 0 : valueOrLength);
            if (attributeLength > end - at)
            {
                return MALFORMED_ATTRIBUTES;
            }
            at += attributeLength;
        }
        return unknown ? UNKNOWN_ATTRIBUTE : keyLength;
    }

    static int proposalLength(final Proposal proposal)
    {
        int length = PROPOSAL_HEADER_LENGTH + proposal.spi().length;
        for (final Transform transform : proposal.transforms())
        {
            length += transformLength(transform);
        }
        return length;
    }

    private static int transformLength(final Transform transform)
    {
        return TRANSFORM_HEADER_LENGTH + (transform.hasKeyLength() ? ATTRIBUTE_HEADER_LENGTH : 0);
    }

    /** @return bytes written. */
    static int encode(final Proposal proposal, final boolean last, final MutableDirectBuffer buffer, final int offset)
    {
        final byte[] spi = proposal.spi();
        final List<Transform> transforms = proposal.transforms();
        final int length = proposalLength(proposal);
        buffer.putByte(offset, (byte)(last ? LAST : MORE_PROPOSALS));
        buffer.putByte(offset + 1, (byte)0);
        buffer.putShort(offset + 2, (short)length, ByteOrder.BIG_ENDIAN);
        buffer.putByte(offset + 4, (byte)proposal.number());
        buffer.putByte(offset + 5, (byte)proposal.protocol());
        buffer.putByte(offset + 6, (byte)spi.length);
        buffer.putByte(offset + 7, (byte)transforms.size());
        buffer.putBytes(offset + PROPOSAL_HEADER_LENGTH, spi);
        int at = offset + PROPOSAL_HEADER_LENGTH + spi.length;
        for (int i = 0; i < transforms.size(); i++)
        {
            final Transform transform = transforms.get(i);
            final int transformLength = transformLength(transform);
            buffer.putByte(at, (byte)(i == transforms.size() - 1 ? LAST : MORE_TRANSFORMS));
            buffer.putByte(at + 1, (byte)0);
            buffer.putShort(at + 2, (short)transformLength, ByteOrder.BIG_ENDIAN);
            buffer.putByte(at + 4, (byte)transform.type());
            buffer.putByte(at + 5, (byte)0);
            buffer.putShort(at + 6, (short)transform.id(), ByteOrder.BIG_ENDIAN);
            if (transform.hasKeyLength())
            {
                buffer.putShort(at + 8, (short)(FORMAT_TV | KEY_LENGTH_ATTRIBUTE), ByteOrder.BIG_ENDIAN);
                buffer.putShort(at + 10, (short)transform.keyLength(), ByteOrder.BIG_ENDIAN);
            }
            at += transformLength;
        }
        return length;
    }
}
