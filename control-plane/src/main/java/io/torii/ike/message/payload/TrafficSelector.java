package io.torii.ike.message.payload;

import java.util.Arrays;
import java.util.Objects;

/**
 * One traffic selector (RFC 7296 §3.13.1): an IP protocol, a port range and an address range.
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |   TS Type     |IP Protocol ID*|       Selector Length         |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Start Port*         |           End Port*           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                         Starting Address*                     ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                         Ending Address*                       ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param tsType {@link #TS_IPV4_ADDR_RANGE} or {@link #TS_IPV6_ADDR_RANGE}.
 * @param ipProtocol the IP protocol, 0 for any.
 * @param startPort the first port, 0 to 65535.
 * @param endPort the last port; start 65535 and end 0 together mean OPAQUE (§3.13.1).
 * @param startAddress the first address, 4 or 16 bytes, copied.
 * @param endAddress the last address, copied.
 */
public record TrafficSelector(
    int tsType, int ipProtocol, int startPort, int endPort, byte[] startAddress, byte[] endAddress)
{
    public static final int TS_IPV4_ADDR_RANGE = 7;
    public static final int TS_IPV6_ADDR_RANGE = 8;
    /** Bytes before the addresses. */
    static final int FIXED_LENGTH = 8;

    /**
     * Copies the addresses.
     */
    public TrafficSelector
    {
        startAddress = Objects.requireNonNull(startAddress, "startAddress").clone();
        endAddress = Objects.requireNonNull(endAddress, "endAddress").clone();
    }

    /**
     * @param tsType a TS type.
     * @return bytes of one address of that type, or -1 for a type this codec does not know.
     */
    public static int addressLength(final int tsType)
    {
        return switch (tsType)
        {
            case TS_IPV4_ADDR_RANGE -> 4;
            case TS_IPV6_ADDR_RANGE -> 16;
            default -> -1;
        };
    }

    /** @return a copy of the first address. */
    @Override
    public byte[] startAddress()
    {
        return startAddress.clone();
    }

    /** @return a copy of the last address. */
    @Override
    public byte[] endAddress()
    {
        return endAddress.clone();
    }

    /** @return bytes on the wire. */
    public int length()
    {
        return FIXED_LENGTH + startAddress.length + endAddress.length;
    }

    /**
     * @return true when the type is known, the addresses are its length, the protocol and ports
     *     fit their fields, and each range starts at or below its end (or the ports are OPAQUE).
     */
    public boolean isValid()
    {
        final int addressLength = addressLength(tsType);
        final boolean opaque = startPort == 0xFFFF && endPort == 0;
        return addressLength > 0 && startAddress.length == addressLength && endAddress.length == addressLength &&
            ipProtocol >= 0 && ipProtocol <= 255 && startPort >= 0 && endPort >= 0 && startPort <= 0xFFFF &&
            endPort <= 0xFFFF && (startPort <= endPort || opaque) &&
            Arrays.compareUnsigned(startAddress, endAddress) <= 0;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof TrafficSelector that && tsType == that.tsType && ipProtocol == that.ipProtocol &&
            startPort == that.startPort && endPort == that.endPort &&
            Arrays.equals(startAddress, that.startAddress) && Arrays.equals(endAddress, that.endAddress);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(tsType, ipProtocol, startPort, endPort, Arrays.hashCode(startAddress),
            Arrays.hashCode(endAddress));
    }

    @Override
    public String toString()
    {
        return "TS[type " + tsType + " proto " + ipProtocol + " ports " + startPort + "-" + endPort + " " +
            address(startAddress) + "-" + address(endAddress) + "]";
    }

    private static String address(final byte[] address)
    {
        final StringBuilder text = new StringBuilder();
        final boolean v4 = address.length == 4;
        for (int i = 0; i < address.length; i += v4 ? 1 : 2)
        {
            if (i > 0)
            {
                text.append(v4 ? '.' : ':');
            }
            text.append(v4 ? Integer.toString(address[i] & 0xFF) :
                Integer.toHexString((address[i] & 0xFF) << 8 | (i + 1 < address.length ? address[i + 1] & 0xFF : 0)));
        }
        return text.toString();
    }
}
