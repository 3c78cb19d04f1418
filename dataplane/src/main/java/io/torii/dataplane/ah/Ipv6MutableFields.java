package io.torii.dataplane.ah;

import static io.torii.dataplane.ah.AhMutableFields.AH_PROTOCOL;
import static io.torii.dataplane.ah.AhMutableFields.MALFORMED;
import static io.torii.dataplane.ah.AhMutableFields.OK;
import static io.torii.dataplane.ah.AhMutableFields.SAVE_AREA_FULL;
import static io.torii.dataplane.ah.AhMutableFields.UNSUPPORTED;

import java.nio.ByteBuffer;

/**
 * The ICV form of an IPv6 header and the extension headers before AH (RFC 4302 §3.3.3.1.2 and
 * Appendix A.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class*|           Flow Label *                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |  Hop Limit *  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Source Address (16 bytes)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Destination Address (16 bytes, predictable with routing)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Fields marked * are zeroed. Then, header by header up to AH:
 * <ul>
 *   <li>Hop-by-Hop (only right after the IPv6 header) and Destination Options: each option whose
 *       type has the "may change en route" bit (0x20) has its data zeroed; type and length stay.
 *       Pad1 is one byte; every other option is type, length, data, and must fit its header.</li>
 *   <li>Routing type 0 (RFC 2460 §4.4; deprecated by RFC 5095, but the case RFC 4302 Appendix A.2
 *       describes) and type 2 (RFC 6275 §6.4), both in RFC 8200 §4.4's framing: mutable
 *       but predictable. Each hop swaps the destination with the next listed address and decrements
 *       segments left, so the receiver sees the last listed address as destination, the addresses
 *       visited before it shifted along the list, and segments left 0. That form is produced from
 *       any segments-left value, so sender and receiver agree wherever the packet is on its route.
 *       Other routing types (RPL, segment routing) carry fields whose transit behaviour is not
 *       modelled here: {@link AhMutableFields#UNSUPPORTED}.</li>
 *   <li>Fragment: AH is computed over whole packets, so a fragment header before AH is
 *       {@link AhMutableFields#MALFORMED}; reassemble first.</li>
 *   <li>The Home Address destination option (RFC 6275 §6.3) must be swapped with the source
 *       address on one side only, which the packet alone does not tell:
 *       {@link AhMutableFields#UNSUPPORTED}. So are the other extension headers of RFC 7045 that
 *       may precede AH (Mobility, HIP, Shim6, experimental), whose mutability is not defined.</li>
 * </ul>
 */
final class Ipv6MutableFields
{
    private static final int HEADER_LENGTH = 40;
    private static final int NEXT_HEADER_OFFSET = 6;
    private static final int HOP_LIMIT_OFFSET = 7;
    private static final int DESTINATION_OFFSET = 24;
    private static final int ADDRESS_LENGTH = 16;
    private static final int VERSION_MASK = 0xF0;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;
    private static final int MOBILITY = 135;
    private static final int HIP = 139;
    private static final int SHIM6 = 140;
    private static final int EXPERIMENTAL_1 = 253;
    private static final int EXPERIMENTAL_2 = 254;

    // Hop-by-Hop, Destination Options and Routing share this framing: next header, length in 8-byte units - 1.
    private static final int EXTENSION_UNIT = 8;
    private static final int OPTIONS_OFFSET = 2;
    private static final int PAD1 = 0;
    private static final int MAY_CHANGE_EN_ROUTE = 0x20;
    private static final int HOME_ADDRESS = 0xC9;

    private static final int ROUTING_TYPE_OFFSET = 2;
    private static final int SEGMENTS_LEFT_OFFSET = 3;
    private static final int ADDRESSES_OFFSET = 8;
    private static final int SOURCE_ROUTE = 0;
    private static final int MOBILE_IPV6 = 2;

    private Ipv6MutableFields()
    {
    }

    /**
     * See {@link AhMutableFields#zero}; the version nibble is already known to be 6 and the offsets
     * to lie in the buffer. May leave changes behind on failure: the caller restores them.
     */
    static int zero(final ByteBuffer packet, final int ipOffset, final int ahOffset, final MutableFieldsSave save)
    {
        if (ahOffset - ipOffset < HEADER_LENGTH)
        {
            return MALFORMED;
        }
        if (!save.save(packet, ipOffset, 4))
        {
            return SAVE_AREA_FULL;
        }
        // Keep the version nibble; zero traffic class and flow label.
        packet.put(ipOffset, (byte)(packet.get(ipOffset) & VERSION_MASK));
        packet.put(ipOffset + 1, (byte)0);
        packet.put(ipOffset + 2, (byte)0);
        packet.put(ipOffset + 3, (byte)0);
        if (!save.saveAndZero(packet, ipOffset + HOP_LIMIT_OFFSET, 1))
        {
            return SAVE_AREA_FULL;
        }

        int nextHeader = packet.get(ipOffset + NEXT_HEADER_OFFSET) & 0xFF;
        int offset = ipOffset + HEADER_LENGTH;
        boolean routingSeen = false;
        while (offset < ahOffset)
        {
            if (nextHeader != HOP_BY_HOP && nextHeader != DESTINATION_OPTIONS && nextHeader != ROUTING)
            {
                return isOtherExtension(nextHeader) ? UNSUPPORTED : MALFORMED;
            }
            if (ahOffset - offset < EXTENSION_UNIT)
            {
                return MALFORMED;
            }
            final int length = ((packet.get(offset + 1) & 0xFF) + 1) * EXTENSION_UNIT;
            if (length > ahOffset - offset)
            {
                return MALFORMED;
            }
            final int status;
            if (nextHeader == HOP_BY_HOP)
            {
                // RFC 8200 §4.1: Hop-by-Hop may only follow the IPv6 header.
                status = offset == ipOffset + HEADER_LENGTH ? options(packet, offset, length, false, save) : MALFORMED;
            }
            else if (nextHeader == DESTINATION_OPTIONS)
            {
                status = options(packet, offset, length, true, save);
            }
            else
            {
                // Two routing headers would make "the final destination" ambiguous.
                status = routingSeen ? MALFORMED : routing(packet, ipOffset, offset, length, save);
                routingSeen = true;
            }
            if (status != OK)
            {
                return status;
            }
            // The next-header byte is never among the bytes changed above.
            nextHeader = packet.get(offset) & 0xFF;
            offset += length;
        }
        return nextHeader == AH_PROTOCOL ? OK : MALFORMED;
    }

    private static boolean isOtherExtension(final int nextHeader)
    {
        return nextHeader == MOBILITY || nextHeader == HIP || nextHeader == SHIM6 ||
            nextHeader == EXPERIMENTAL_1 || nextHeader == EXPERIMENTAL_2;
    }

    private static int options(
        final ByteBuffer packet, final int header, final int length, final boolean destination,
        final MutableFieldsSave save)
    {
        final int end = header + length;
        int offset = header + OPTIONS_OFFSET;
        while (offset < end)
        {
            final int type = packet.get(offset) & 0xFF;
            if (type == PAD1)
            {
                offset++;
                continue;
            }
            if (end - offset < 2)
            {
                return MALFORMED;
            }
            final int dataLength = packet.get(offset + 1) & 0xFF;
            if (dataLength > end - offset - 2)
            {
                return MALFORMED;
            }
            if (destination && type == HOME_ADDRESS)
            {
                return UNSUPPORTED;
            }
            if ((type & MAY_CHANGE_EN_ROUTE) != 0 && dataLength > 0 &&
                !save.saveAndZero(packet, offset + 2, dataLength))
            {
                return SAVE_AREA_FULL;
            }
            offset += 2 + dataLength;
        }
        return OK;
    }

    private static int routing(
        final ByteBuffer packet, final int ipOffset, final int header, final int length, final MutableFieldsSave save)
    {
        final int type = packet.get(header + ROUTING_TYPE_OFFSET) & 0xFF;
        final int segmentsLeft = packet.get(header + SEGMENTS_LEFT_OFFSET) & 0xFF;
        final int addressBytes = length - ADDRESSES_OFFSET;
        if (type == SOURCE_ROUTE)
        {
            // Header length in 8-byte units counts two units per address: it must be even.
            if (addressBytes % ADDRESS_LENGTH != 0)
            {
                return MALFORMED;
            }
        }
        else if (type == MOBILE_IPV6)
        {
            // RFC 6275 §6.4: exactly one address, segments left 1 on the wire.
            if (addressBytes != ADDRESS_LENGTH || segmentsLeft > 1)
            {
                return MALFORMED;
            }
        }
        else
        {
            return UNSUPPORTED;
        }
        final int addresses = addressBytes / ADDRESS_LENGTH;
        if (segmentsLeft > addresses)
        {
            return MALFORMED;
        }
        if (segmentsLeft == 0)
        {
            return OK;
        }
        final int destination = ipOffset + DESTINATION_OFFSET;
        final int list = header + ADDRESSES_OFFSET;
        final int firstUnvisited = list + (addresses - segmentsLeft) * ADDRESS_LENGTH;
        if (!save.save(packet, header + SEGMENTS_LEFT_OFFSET, 1) ||
            !save.save(packet, destination, ADDRESS_LENGTH) ||
            !save.save(packet, firstUnvisited, segmentsLeft * ADDRESS_LENGTH))
        {
            return SAVE_AREA_FULL;
        }
        packet.put(header + SEGMENTS_LEFT_OFFSET, (byte)0);
        rotateToFinal(packet, destination, firstUnvisited, segmentsLeft);
        return OK;
    }

    /**
     * Performs the remaining hops' swaps at once: the sequence (destination, unvisited[0], ...,
     * unvisited[n-1]) becomes (unvisited[n-1], destination, unvisited[0], ..., unvisited[n-2]).
     * Done one byte column at a time so that no scratch address is needed.
     */
    private static void rotateToFinal(
        final ByteBuffer packet, final int destination, final int firstUnvisited, final int unvisited)
    {
        final int last = firstUnvisited + (unvisited - 1) * ADDRESS_LENGTH;
        for (int b = 0; b < ADDRESS_LENGTH; b++)
        {
            final byte finalByte = packet.get(last + b);
            for (int at = last + b; at > firstUnvisited + b; at -= ADDRESS_LENGTH)
            {
                packet.put(at, packet.get(at - ADDRESS_LENGTH));
            }
            packet.put(firstUnvisited + b, packet.get(destination + b));
            packet.put(destination + b, finalByte);
        }
    }
}
