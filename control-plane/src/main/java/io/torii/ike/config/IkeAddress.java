package io.torii.ike.config;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One entry of a connection's {@code local_addrs} or {@code remote_addrs}: any address, one address,
 * a subnet, a range, or a DNS name that is resolved when the connection is looked up, never while
 * reading the file.
 */
public sealed interface IkeAddress
{
    /**
     * {@code %any}, {@code %any4} or {@code %any6}: any address, of the family given.
     *
     * @param family 0 for either, 4 or 6.
     */
    record Any(int family) implements IkeAddress
    {
    }

    /**
     * One IPv4 or IPv6 address.
     *
     * @param address the address.
     */
    record Host(InetAddress address) implements IkeAddress
    {
        /** Checks that the address is given. */
        public Host
        {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A CIDR subnet; host bits are kept as written.
     *
     * @param address the address before the slash.
     * @param prefixLength the prefix length, within the family's bits.
     */
    record Subnet(InetAddress address, int prefixLength) implements IkeAddress
    {
        /** Checks that the address is given. */
        public Subnet
        {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * An inclusive range of addresses of one family.
     *
     * @param from the first address.
     * @param to the last address.
     */
    record Range(InetAddress from, InetAddress to) implements IkeAddress
    {
        /** Checks that both ends are given. */
        public Range
        {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A DNS name, resolved each time the connection is looked up, as strongSwan does.
     *
     * @param name the name as written.
     */
    record DnsName(String name) implements IkeAddress
    {
        /** Checks that the name is given. */
        public DnsName
        {
            Objects.requireNonNull(name, "name");
        }
    }
}
