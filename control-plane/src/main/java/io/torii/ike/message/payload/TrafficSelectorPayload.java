package io.torii.ike.message.payload;

import io.torii.ike.message.MalformedReason;
import io.torii.ike.message.PayloadType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Traffic Selector payload, TSi or TSr (RFC 7296 §3.13); each selector is a {@link TrafficSelector}.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Next Payload  |C|  RESERVED   |         Payload Length        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Number of TSs |                 RESERVED                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                       <Traffic Selectors>                     ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Selector types other than the IPv4 and IPv6 ranges (such as security labels, RFC 9478) are
 * refused as malformed: this gateway never negotiates them.
 *
 * @param type {@link PayloadType#TSI} or {@link PayloadType#TSR}.
 * @param selectors the selectors in the order sent.
 */
public record TrafficSelectorPayload(int type, List<TrafficSelector> selectors) implements Payload
{
    static final int FIXED_LENGTH = 4;

    /**
     * Copies the list.
     */
    public TrafficSelectorPayload
    {
        selectors = List.copyOf(selectors);
    }

    /**
     * @param type {@link PayloadType#TSI} or {@link PayloadType#TSR}.
     * @param buffer the message.
     * @param offset where the body starts.
     * @param length bytes of the body.
     * @return the payload, or why it does not parse.
     */
    public static PayloadResult decode(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < FIXED_LENGTH)
        {
            return PayloadResult.malformed(MalformedReason.BAD_TRAFFIC_SELECTOR);
        }
        final int count = Bytes.uint8(buffer, offset);
        final int end = offset + length;
        final List<TrafficSelector> selectors = new ArrayList<>(count);
        int at = offset + FIXED_LENGTH;
        for (int i = 0; i < count; i++)
        {
            if (end - at < TrafficSelector.FIXED_LENGTH)
            {
                return PayloadResult.malformed(MalformedReason.BAD_TRAFFIC_SELECTOR);
            }
            final int tsType = Bytes.uint8(buffer, at);
            final int selectorLength = Bytes.uint16(buffer, at + 2);
            final int addressLength = TrafficSelector.addressLength(tsType);
            if (addressLength < 0 || selectorLength != TrafficSelector.FIXED_LENGTH + 2 * addressLength ||
                selectorLength > end - at)
            {
                return PayloadResult.malformed(MalformedReason.BAD_TRAFFIC_SELECTOR);
            }
            final int addressOffset = at + TrafficSelector.FIXED_LENGTH;
            selectors.add(new TrafficSelector(tsType, Bytes.uint8(buffer, at + 1), Bytes.uint16(buffer, at + 4),
                Bytes.uint16(buffer, at + 6), Bytes.copy(buffer, addressOffset, addressLength),
                Bytes.copy(buffer, addressOffset + addressLength, addressLength)));
            at += selectorLength;
        }
        return at == end ? PayloadResult.ok(new TrafficSelectorPayload(type, selectors)) :
            PayloadResult.malformed(MalformedReason.BAD_TRAFFIC_SELECTOR);
    }

    /** At least one selector, at most 255, each valid (§3.13.1). */
    @Override
    public MalformedReason verify()
    {
        if (type != PayloadType.TSI && type != PayloadType.TSR || selectors.isEmpty() || selectors.size() > 255)
        {
            return MalformedReason.BAD_TRAFFIC_SELECTOR;
        }
        for (final TrafficSelector selector : selectors)
        {
            if (!selector.isValid())
            {
                return MalformedReason.BAD_TRAFFIC_SELECTOR;
            }
        }
        return MalformedReason.OK;
    }

    @Override
    public int bodyLength()
    {
        int length = FIXED_LENGTH;
        for (final TrafficSelector selector : selectors)
        {
            length += selector.length();
        }
        return length;
    }

    @Override
    public void encodeBody(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)selectors.size());
        buffer.setMemory(offset + 1, FIXED_LENGTH - 1, (byte)0);
        int at = offset + FIXED_LENGTH;
        for (final TrafficSelector selector : selectors)
        {
            final byte[] start = selector.startAddress();
            buffer.putByte(at, (byte)selector.tsType());
            buffer.putByte(at + 1, (byte)selector.ipProtocol());
            buffer.putShort(at + 2, (short)selector.length(), ByteOrder.BIG_ENDIAN);
            buffer.putShort(at + 4, (short)selector.startPort(), ByteOrder.BIG_ENDIAN);
            buffer.putShort(at + 6, (short)selector.endPort(), ByteOrder.BIG_ENDIAN);
            buffer.putBytes(at + TrafficSelector.FIXED_LENGTH, start);
            buffer.putBytes(at + TrafficSelector.FIXED_LENGTH + start.length, selector.endAddress());
            at += selector.length();
        }
    }
}
