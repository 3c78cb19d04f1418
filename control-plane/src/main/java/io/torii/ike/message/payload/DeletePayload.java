package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import io.torii.ike.proposal.Proposal;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Delete payload (RFC 7296 §3.11): the IKE SA (protocol 1, no SPIs), or Child SAs by their
 * inbound SPIs (AH or ESP, 4 bytes each).
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Protocol ID   |   SPI Size    |          Num of SPIs          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~               Security Parameter Index(es) (SPI)              ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param protocol {@link Proposal#IKE}, {@link Proposal#AH} or {@link Proposal#ESP}.
 * @param spis the 32-bit SPIs for AH and ESP, empty for IKE.
 */
public record DeletePayload(int protocol, List<Integer> spis) implements Payload
{
    static final int FIXED_LENGTH = 4;
    static final int CHILD_SPI_SIZE = 4;

    /**
     * Copies the list.
     */
    public DeletePayload
    {
        spis = List.copyOf(spis);
    }

    /**
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_DELETE);
        }
        final int protocol = Bytes.uint8(buffer, offset);
        final int spiSize = Bytes.uint8(buffer, offset + 1);
        final int count = Bytes.uint16(buffer, offset + 2);
        final boolean sizeFits = protocol == Proposal.IKE ? spiSize == 0 && count == 0 :
            (protocol == Proposal.AH || protocol == Proposal.ESP) && spiSize == CHILD_SPI_SIZE;
        if (!sizeFits || length != FIXED_LENGTH + spiSize * count)
        {
            return PayloadResult.malformed(MalformedReason.BAD_DELETE);
        }
        final List<Integer> spis = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            spis.add(buffer.getInt(offset + FIXED_LENGTH + i * CHILD_SPI_SIZE, ByteOrder.BIG_ENDIAN));
        }
        return PayloadResult.ok(new DeletePayload(protocol, spis));
    }

    @Override
    public int type()
    {
        return PayloadType.DELETE;
    }

    @Override
    public MalformedReason verify()
    {
        return switch (protocol)
        {
            case Proposal.IKE -> spis.isEmpty() ? MalformedReason.OK : MalformedReason.BAD_DELETE;
            case Proposal.AH, Proposal.ESP ->
                spis.isEmpty() || spis.size() > 0xFFFF ? MalformedReason.BAD_DELETE : MalformedReason.OK;
            default -> MalformedReason.BAD_DELETE;
        };
    }

    @Override
    public int bodyLength()
    {
        return FIXED_LENGTH + CHILD_SPI_SIZE * spis.size();
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)protocol);
        buffer.putByte(offset + 1, (byte)(protocol == Proposal.IKE ? 0 : CHILD_SPI_SIZE));
        buffer.putShort(offset + 2, (short)spis.size(), ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < spis.size(); i++)
        {
            buffer.putInt(offset + FIXED_LENGTH + i * CHILD_SPI_SIZE, spis.get(i), ByteOrder.BIG_ENDIAN);
        }
    }
}
