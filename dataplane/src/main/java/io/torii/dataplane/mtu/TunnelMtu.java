package io.torii.dataplane.mtu;

/**
 * The largest inner (cleartext) IP packet an ESP tunnel-mode SA can carry without the outer packet exceeding the
 * outer path MTU.
 *
 * <p>A tunnel-mode ESP packet (RFC 4303 §2, with RFC 3948 UDP encapsulation) is laid out as:
 * <pre>
 *   | outer IP (20 or 40) | UDP (8, if encapsulated) | SPI + sequence (8) | IV |
 *   | inner packet (L) | padding (0..align-1) | pad length + next header (2) | ICV |
 *   align = max(blockSize, 4): the ciphertext ends on a 4-byte boundary even for stream and counter modes.
 * </pre>
 * so the outer length of an inner packet of {@code L} bytes is
 * <pre>
 *   outer(L) = ip + udp + 8 + iv + roundUp(L + 2, align) + icv
 * </pre>
 * and the inner MTU is the largest {@code L} with {@code outer(L) <= pathMtu}:
 * <pre>
 *   room     = pathMtu - ip - udp - 8 - iv - icv
 *   innerMtu = floor(room / align) * align - 2
 * </pre>
 * This is exact, not an estimate: every inner packet up to it fits whatever padding it needs, and one byte more
 * does not fit (the padding a worst-case length needs is already accounted for by rounding {@code room} down).
 * Extended sequence numbers add nothing on the wire; TFC padding (RFC 4303 §2.7) is not accounted for, since a
 * tunnel that pads to a fixed length has chosen its own size.
 */
public final class TunnelMtu
{
    /** Outer IPv4 header, without options. */
    public static final int IPV4_HEADER = 20;
    /** Outer IPv6 header, without extension headers. */
    public static final int IPV6_HEADER = 40;
    /** UDP header for ESP in UDP (RFC 3948). */
    public static final int UDP_HEADER = 8;
    /** SPI and sequence number. */
    public static final int ESP_HEADER = 8;
    /** Pad length and next header. */
    public static final int ESP_TRAILER = 2;
    /** TCP header without options, for MSS computations. */
    public static final int TCP_HEADER = 20;
    /** The smallest MTU every IPv4 link carries (RFC 791). */
    public static final int IPV4_MIN_MTU = 68;
    /** The smallest MTU every IPv6 link carries (RFC 8200 §5). */
    public static final int IPV6_MIN_MTU = 1280;

    private static final int MIN_ALIGN = 4;
    private static final int MAX_BLOCK = 256;
    private static final int MAX_FIELD = 256;

    private TunnelMtu()
    {
    }

    /**
     * @param pathMtu the outer path MTU in bytes.
     * @param outerIpv6 whether the outer header is IPv6.
     * @param udpEncapsulation whether ESP travels in UDP.
     * @param ivLength the IV bytes on the wire (0 for none, 8 for GCM/CCM/ChaCha20-Poly1305, 16 for AES-CBC).
     * @param blockSize the cipher's block size in bytes (1 for counter and stream modes, 16 for AES-CBC).
     * @param icvLength the ICV bytes (16 for GCM, 12 for HMAC-SHA1-96, 16 for HMAC-SHA-256-128).
     * @return the largest inner packet that fits, or 0 when not even an empty one does.
     * @throws IllegalArgumentException when a length is negative or implausibly large, or the block size is not
     *         a power of two from 1 to 256.
     */
    public static int innerMtu(
        final int pathMtu,
        final boolean outerIpv6,
        final boolean udpEncapsulation,
        final int ivLength,
        final int blockSize,
        final int icvLength)
    {
        if (pathMtu < 0 || ivLength < 0 || ivLength > MAX_FIELD || icvLength < 0 || icvLength > MAX_FIELD)
        {
            throw new IllegalArgumentException("path MTU, IV and ICV lengths must be >= 0 (IV and ICV <= " +
                MAX_FIELD + "), got MTU " + pathMtu + ", IV " + ivLength + ", ICV " + icvLength);
        }
        if (blockSize < 1 || blockSize > MAX_BLOCK || Integer.bitCount(blockSize) != 1)
        {
            throw new IllegalArgumentException("block size must be a power of two from 1 to " + MAX_BLOCK +
                ", got " + blockSize);
        }
        final int align = Math.max(blockSize, MIN_ALIGN);
        final int room = pathMtu - (outerIpv6 ? IPV6_HEADER : IPV4_HEADER) - (udpEncapsulation ? UDP_HEADER : 0) -
            ESP_HEADER - ivLength - icvLength;
        if (room < align)
        {
            return 0;
        }
        return Math.max(0, room / align * align - ESP_TRAILER);
    }

    /**
     * The MSS to clamp TCP SYNs to so that segments fill but do not exceed an inner MTU.
     *
     * @param innerMtu the tunnel's inner MTU.
     * @param innerIpv6 whether the TCP connection runs over IPv6 (a 40-byte header) or IPv4 (20).
     * @return {@code innerMtu - ipHeader - 20}, or 0 when that is not positive.
     */
    public static int mss(final int innerMtu, final boolean innerIpv6)
    {
        return Math.max(0, innerMtu - (innerIpv6 ? IPV6_HEADER : IPV4_HEADER) - TCP_HEADER);
    }
}
