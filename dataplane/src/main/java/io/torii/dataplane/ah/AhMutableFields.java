package io.torii.dataplane.ah;

import io.torii.dataplane.status.Disposition;
import java.nio.ByteBuffer;

/**
 * Puts the headers in front of an Authentication Header into the form its ICV covers, and back.
 *
 * <p>RFC 4302 §3.3.3 computes the ICV over the IP header and the IPv6 extension headers before AH
 * with every field that may change in transit set to zero, and every field that changes
 * predictably (the destination and the address list of a source route) set to the value it will
 * have at the final destination; then over the AH header with its ICV field zeroed, and then the
 * rest of the packet. The receiver must verify and then deliver the packet unchanged, so the work
 * is done in place and undone afterwards:
 *
 * <pre>{@code
 * int status = AhMutableFields.zero(packet, ipOffset, ahOffset, save);
 * if (status == AhMutableFields.OK)
 * {
 *     // zero the ICV field (and keep it aside), compute the ICV over the packet, put the ICV back
 *     AhMutableFields.restore(packet, save);
 * }
 * }</pre>
 *
 * <p>Which fields are which: IPv4 rules are in {@code Ipv4MutableFields}, IPv6 rules in
 * {@code Ipv6MutableFields}. The AH header itself is the caller's: only its length is read here.
 *
 * <p>Per-packet code: nothing is allocated, nothing is thrown for bad input, and only bytes in
 * {@code [ipOffset, ahOffset)} are written. Offsets are absolute; the buffer's position, limit and
 * byte order are neither used nor changed. The buffer must be writable.
 */
public final class AhMutableFields
{
    /** The headers are in ICV form; call {@link #restore} when done. */
    public static final int OK = 0;
    /** The headers are inconsistent (lengths, versions, a chain that does not reach AH, a fragment). */
    public static final int MALFORMED = 1;
    /** Well formed, but holds a header whose ICV form this class does not know how to produce. */
    public static final int UNSUPPORTED = 2;
    /** More mutable bytes than the save area can hold. */
    public static final int SAVE_AREA_FULL = 3;

    /** The IP protocol number, and IPv6 next-header value, of AH. */
    public static final int AH_PROTOCOL = 51;
    /** Offset in the AH header of the next header field (1 byte). */
    public static final int NEXT_HEADER_OFFSET = 0;
    /** Offset in the AH header of the payload length field (1 byte). */
    public static final int PAYLOAD_LENGTH_OFFSET = 1;
    /** Offset in the AH header of the reserved field (2 bytes, sent as zero). */
    public static final int RESERVED_OFFSET = 2;
    /** Offset in the AH header of the Security Parameters Index (4 bytes). */
    public static final int SPI_OFFSET = 4;
    /** Offset in the AH header of the (low 32 bits of the) sequence number (4 bytes). */
    public static final int SEQUENCE_OFFSET = 8;
    /** Offset in the AH header of the ICV, which runs to the end of the header. */
    public static final int ICV_OFFSET = 12;

    private static final int VERSION_4 = 4;
    private static final int VERSION_6 = 6;

    private AhMutableFields()
    {
    }

    /**
     * Zeroes the mutable fields of the IP header at {@code ipOffset} and of the IPv6 extension
     * headers up to {@code ahOffset}, and sets the mutable-but-predictable ones to their values at
     * the final destination, saving every original byte in {@code save} first.
     *
     * <p>On any status but {@link #OK} the packet is left exactly as it was and the save is empty.
     * Anything {@code save} held before is discarded, so restore each packet before zeroing the next.
     *
     * @param packet the packet; written only in {@code [ipOffset, ahOffset)}.
     * @param ipOffset absolute index of the first byte of the IPv4 or IPv6 header.
     * @param ahOffset absolute index of the first byte of the AH header: the IP header (IPv4) or the
     *        last extension header (IPv6) must end exactly here and name AH as its next header.
     * @param save where the original bytes go.
     * @return {@link #OK}, {@link #MALFORMED}, {@link #UNSUPPORTED} or {@link #SAVE_AREA_FULL}.
     */
    public static int zero(
        final ByteBuffer packet, final int ipOffset, final int ahOffset, final MutableFieldsSave save)
    {
        save.clear();
        if (ipOffset < 0 || ipOffset >= ahOffset || ahOffset > packet.limit())
        {
            return MALFORMED;
        }
        final int version = (packet.get(ipOffset) & 0xFF) >>> 4;
        final int status;
        if (version == VERSION_4)
        {
            status = Ipv4MutableFields.zero(packet, ipOffset, ahOffset, save);
        }
        else if (version == VERSION_6)
        {
            status = Ipv6MutableFields.zero(packet, ipOffset, ahOffset, save);
        }
        else
        {
            status = MALFORMED;
        }
        if (status != OK)
        {
            // A header can turn out bad after earlier fields were zeroed: undo, so a drop leaves the packet intact.
            save.restoreInto(packet);
        }
        return status;
    }

    /**
     * Puts back every byte {@link #zero} changed and empties the save. Does nothing if the save is
     * empty, as it is after a status other than {@link #OK}.
     *
     * @param packet the same packet that was zeroed, at the same offsets.
     * @param save the save {@link #zero} filled.
     */
    public static void restore(final ByteBuffer packet, final MutableFieldsSave save)
    {
        save.restoreInto(packet);
    }

    /**
     * The length of the AH header, ICV and its padding included, from its payload length field.
     *
     * <p>The AH header (RFC 4302 §2), all fields big-endian:
     * <pre>
     *  0                   1                   2                   3
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * | Next Header   |  Payload Len  |          RESERVED             |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                 Security Parameters Index (SPI)               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                    Sequence Number Field                      |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |                                                               |
     * +                Integrity Check Value-ICV (variable)           |
     * |                                                               |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     * Payload Len is the header's length in 32-bit words minus 2 (a relic of IPv6 extension-header
     * lengths), so the header is {@code (Payload Len + 2) * 4} bytes. The ICV is padded so the header
     * is a multiple of 4 bytes over IPv4 and of 8 bytes over IPv6 (§2.6); the ESN high half is never
     * sent. Checking the length against the algorithm's ICV size and the packet is the caller's.
     *
     * @param packet the packet.
     * @param ahOffset absolute index of the AH header.
     * @return the header length in bytes, 8 to 1028, or -1 if the payload length field lies outside
     *         {@code [0, packet.limit())}.
     */
    public static int ahHeaderLength(final ByteBuffer packet, final int ahOffset)
    {
        if (ahOffset < 0 || ahOffset >= packet.limit() - PAYLOAD_LENGTH_OFFSET)
        {
            return -1;
        }
        return ((packet.get(ahOffset + PAYLOAD_LENGTH_OFFSET) & 0xFF) + 2) * 4;
    }

    /**
     * @param status a status from {@link #zero}.
     * @return the disposition to count a packet under: {@link #SAVE_AREA_FULL} counts as
     *         {@link Disposition#TOO_BIG}, since the headers exceed what the worker was sized for.
     */
    public static Disposition disposition(final int status)
    {
        return switch (status)
        {
            case OK -> Disposition.OK;
            case UNSUPPORTED -> Disposition.UNSUPPORTED;
            case SAVE_AREA_FULL -> Disposition.TOO_BIG;
            default -> Disposition.MALFORMED;
        };
    }
}
