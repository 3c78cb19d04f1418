package io.torii.dataplane.ah;

import static io.torii.dataplane.ah.AhMutableFields.AH_PROTOCOL;
import static io.torii.dataplane.ah.AhMutableFields.MALFORMED;
import static io.torii.dataplane.ah.AhMutableFields.OK;
import static io.torii.dataplane.ah.AhMutableFields.SAVE_AREA_FULL;

import java.nio.ByteBuffer;

/**
 * The ICV form of an IPv4 header (RFC 4302 §3.3.3.1.1 and Appendix A.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP/ECN  * |          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags * |  Fragment Offset *   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live *|   Protocol   |       Header Checksum *       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Destination Address (predictable)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL - 5 words)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Fields marked * are zeroed: routers rewrite DSCP/ECN, may set DF, decrement TTL and so change the
 * checksum; the fragment offset is zero in a whole packet anyway. AH is computed over whole packets
 * only, so a fragment (more-fragments set or a non-zero offset, RFC 4302 §3.4.1) is malformed here:
 * reassemble first. Options have no mutability bit in
 * IPv4, so Appendix A.1 lists them: EOL, NOP, Security, Extended Security, Commercial Security,
 * Router Alert and Sender Directed Multi-Destination Delivery are covered as sent; every other
 * option is zeroed whole, type and length included.
 *
 * <p>The destination is mutable but predictable under a loose or strict source route: while the
 * route is unfinished (pointer at or below the length) the header holds the next hop and the last
 * route entry is the final destination, which is what the ICV covers. Once finished (pointer past
 * the length) the header already holds the final destination.
 */
final class Ipv4MutableFields
{
    private static final int MIN_HEADER_LENGTH = 20;
    private static final int TOS_OFFSET = 1;
    private static final int FLAGS_FRAGMENT_OFFSET = 6;
    // The first byte of flags and offset: reserved, DF, MF, then the offset's top 5 bits.
    private static final int MORE_FRAGMENTS_AND_OFFSET_HIGH = 0x3F;
    private static final int TTL_OFFSET = 8;
    private static final int PROTOCOL_OFFSET = 9;
    private static final int CHECKSUM_OFFSET = 10;
    private static final int DESTINATION_OFFSET = 16;
    private static final int ADDRESS_LENGTH = 4;

    private static final int END_OF_OPTIONS = 0;
    private static final int NO_OPERATION = 1;
    private static final int SECURITY = 130;
    private static final int LOOSE_SOURCE_ROUTE = 131;
    private static final int EXTENDED_SECURITY = 133;
    private static final int COMMERCIAL_SECURITY = 134;
    private static final int STRICT_SOURCE_ROUTE = 137;
    private static final int ROUTER_ALERT = 148;
    private static final int SENDER_DIRECTED_DELIVERY = 149;
    // RFC 791: a source route's pointer counts from 1 at the type byte; the first address is at 4.
    private static final int ROUTE_POINTER_OFFSET = 2;
    private static final int ROUTE_FIRST_POINTER = 4;
    private static final int ROUTE_HEADER_LENGTH = 3;

    private Ipv4MutableFields()
    {
    }

    /**
     * See {@link AhMutableFields#zero}; the version nibble is already known to be 4 and the offsets
     * to lie in the buffer. May leave changes behind on failure: the caller restores them.
     */
    static int zero(final ByteBuffer packet, final int ipOffset, final int ahOffset, final MutableFieldsSave save)
    {
        final int headerLength = (packet.get(ipOffset) & 0x0F) * 4;
        // IPv4 has no extension headers: AH follows the header and its options directly.
        if (headerLength < MIN_HEADER_LENGTH || headerLength != ahOffset - ipOffset ||
            (packet.get(ipOffset + PROTOCOL_OFFSET) & 0xFF) != AH_PROTOCOL)
        {
            return MALFORMED;
        }
        // RFC 4302 §3.4.1: a fragment (more-fragments set or an offset) must be reassembled before AH.
        // Byte by byte, as the buffer's byte order is the caller's, not necessarily network order.
        if ((packet.get(ipOffset + FLAGS_FRAGMENT_OFFSET) & MORE_FRAGMENTS_AND_OFFSET_HIGH) != 0 ||
            packet.get(ipOffset + FLAGS_FRAGMENT_OFFSET + 1) != 0)
        {
            return MALFORMED;
        }
        if (!save.saveAndZero(packet, ipOffset + TOS_OFFSET, 1) ||
            !save.saveAndZero(packet, ipOffset + FLAGS_FRAGMENT_OFFSET, 2) ||
            !save.saveAndZero(packet, ipOffset + TTL_OFFSET, 1) ||
            !save.saveAndZero(packet, ipOffset + CHECKSUM_OFFSET, 2))
        {
            return SAVE_AREA_FULL;
        }
        return options(packet, ipOffset, ahOffset, save);
    }

    private static int options(final ByteBuffer packet, final int ipOffset, final int end, final MutableFieldsSave save)
    {
        int offset = ipOffset + MIN_HEADER_LENGTH;
        boolean sourceRouteSeen = false;
        while (offset < end)
        {
            final int type = packet.get(offset) & 0xFF;
            if (type == END_OF_OPTIONS)
            {
                // What follows EOL is padding, covered as sent.
                return OK;
            }
            if (type == NO_OPERATION)
            {
                offset++;
                continue;
            }
            if (end - offset < 2)
            {
                return MALFORMED;
            }
            final int length = packet.get(offset + 1) & 0xFF;
            if (length < 2 || length > end - offset)
            {
                return MALFORMED;
            }
            if (!isImmutable(type))
            {
                if (type == LOOSE_SOURCE_ROUTE || type == STRICT_SOURCE_ROUTE)
                {
                    // RFC 791: a source route appears at most once; two would leave the final destination ambiguous.
                    if (sourceRouteSeen)
                    {
                        return MALFORMED;
                    }
                    sourceRouteSeen = true;
                    // Read the route before the option is zeroed.
                    final int status = finalDestination(packet, ipOffset, offset, length, save);
                    if (status != OK)
                    {
                        return status;
                    }
                }
                if (!save.saveAndZero(packet, offset, length))
                {
                    return SAVE_AREA_FULL;
                }
            }
            offset += length;
        }
        return OK;
    }

    private static boolean isImmutable(final int type)
    {
        return type == SECURITY || type == EXTENDED_SECURITY || type == COMMERCIAL_SECURITY ||
            type == ROUTER_ALERT || type == SENDER_DIRECTED_DELIVERY;
    }

    private static int finalDestination(
        final ByteBuffer packet, final int ipOffset, final int option, final int length, final MutableFieldsSave save)
    {
        final int routeBytes = length - ROUTE_HEADER_LENGTH;
        if (routeBytes < 0 || routeBytes % ADDRESS_LENGTH != 0)
        {
            return MALFORMED;
        }
        final int pointer = packet.get(option + ROUTE_POINTER_OFFSET) & 0xFF;
        if (pointer < ROUTE_FIRST_POINTER || pointer % ADDRESS_LENGTH != 0 || pointer > length + 1)
        {
            return MALFORMED;
        }
        if (pointer > length)
        {
            return OK;
        }
        final int destination = ipOffset + DESTINATION_OFFSET;
        if (!save.save(packet, destination, ADDRESS_LENGTH))
        {
            return SAVE_AREA_FULL;
        }
        final int last = option + length - ADDRESS_LENGTH;
        for (int i = 0; i < ADDRESS_LENGTH; i++)
        {
            packet.put(destination + i, packet.get(last + i));
        }
        return OK;
    }
}
