package io.torii.ike.message.payload;

import java.util.Arrays;
import java.util.Objects;

/**
 * One attribute of a Configuration payload (RFC 7296 §3.15.1).
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |R|         Attribute Type      |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ~                             Value                             ~
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param type the attribute type, 15 bits.
 * @param value the value, copied; empty in a request for "any".
 */
public record ConfigurationAttribute(int type, byte[] value)
{
    public static final int INTERNAL_IP4_ADDRESS = 1;
    public static final int INTERNAL_IP4_NETMASK = 2;
    public static final int INTERNAL_IP4_DNS = 3;
    public static final int INTERNAL_IP4_NBNS = 4;
    public static final int INTERNAL_IP4_DHCP = 6;
    public static final int APPLICATION_VERSION = 7;
    public static final int INTERNAL_IP6_ADDRESS = 8;
    public static final int INTERNAL_IP6_DNS = 10;
    public static final int INTERNAL_IP6_DHCP = 12;
    public static final int INTERNAL_IP4_SUBNET = 13;
    public static final int SUPPORTED_ATTRIBUTES = 14;
    public static final int INTERNAL_IP6_SUBNET = 15;

    static final int HEADER_LENGTH = 4;

    /**
     * Copies the value.
     */
    public ConfigurationAttribute
    {
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** @return a copy of the value. */
    @Override
    public byte[] value()
    {
        return value.clone();
    }

    /** @return true when the type fits 15 bits and the value is empty or the length §3.15.1 gives. */
    public boolean isValid()
    {
        if (type < 0 || type > 0x7FFF || value.length > 0xFFFF)
        {
            return false;
        }
        final int expected = switch (type)
        {
            case INTERNAL_IP4_ADDRESS, INTERNAL_IP4_NETMASK, INTERNAL_IP4_DNS, INTERNAL_IP4_NBNS,
                INTERNAL_IP4_DHCP -> 4;
            case INTERNAL_IP6_ADDRESS, INTERNAL_IP6_SUBNET -> 17;
            case INTERNAL_IP6_DNS, INTERNAL_IP6_DHCP -> 16;
            case INTERNAL_IP4_SUBNET -> 8;
            default -> -1;
        };
        return expected < 0 || value.length == 0 || value.length == expected;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof ConfigurationAttribute that && type == that.type && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode()
    {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return "attribute " + type + " (" + value.length + " bytes)";
    }
}
