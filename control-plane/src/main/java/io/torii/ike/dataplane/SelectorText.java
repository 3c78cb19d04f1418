package io.torii.ike.dataplane;

import io.torii.ike.message.payload.TrafficSelector;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Negotiated traffic selectors as the dataplane's policies and the kernel's routes take them: the
 * swanctl.conf syntax ({@code 10.1.0.0-10.1.0.255[tcp/80]}) and the CIDR blocks that cover a range.
 */
public final class SelectorText
{
    private SelectorText()
    {
    }

    /**
     * @param selectors negotiated selectors.
     * @return them comma-separated in swanctl.conf syntax.
     */
    public static String swanctl(final List<TrafficSelector> selectors)
    {
        final StringBuilder text = new StringBuilder();
        for (final TrafficSelector selector : selectors)
        {
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(address(selector.startAddress())).append('-').append(address(selector.endAddress()));
            final boolean opaque = selector.startPort() == 0xFFFF && selector.endPort() == 0;
            final boolean anyPort = selector.startPort() == 0 && selector.endPort() == 0xFFFF;
            if (selector.ipProtocol() != 0 || !anyPort)
            {
                text.append('[').append(selector.ipProtocol() == 0 ? "any" : String.valueOf(selector.ipProtocol()));
                if (opaque)
                {
                    text.append("/opaque");
                }
                else if (!anyPort)
                {
                    text.append('/').append(selector.startPort());
                    if (selector.endPort() != selector.startPort())
                    {
                        text.append('-').append(selector.endPort());
                    }
                }
                text.append(']');
            }
        }
        return text.toString();
    }

    /**
     * @param selector a selector.
     * @return the fewest CIDR blocks ({@code address/prefix}) whose union is its address range.
     */
    public static List<String> cidrs(final TrafficSelector selector)
    {
        final int bits = selector.startAddress().length * 8;
        BigInteger start = new BigInteger(1, selector.startAddress());
        final BigInteger end = new BigInteger(1, selector.endAddress());
        final List<String> blocks = new ArrayList<>();
        while (start.compareTo(end) <= 0)
        {
            int size = start.signum() == 0 ? bits : start.getLowestSetBit();
            while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end) > 0)
            {
                size--;
            }
            blocks.add(address(toBytes(start, selector.startAddress().length)) + "/" + (bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
        return blocks;
    }

    /**
     * @param selectors selectors.
     * @return their address ranges as CIDR blocks, with {@code [proto/ports]} when they are limited, one
     *         string, as charon logs selectors.
     */
    public static String cidrs(final List<TrafficSelector> selectors)
    {
        final StringBuilder text = new StringBuilder();
        for (final TrafficSelector selector : selectors)
        {
            for (final String block : cidrs(selector))
            {
                text.append(text.isEmpty() ? "" : " ").append(block);
                final boolean anyPort = selector.startPort() == 0 && selector.endPort() == 0xFFFF;
                if (selector.ipProtocol() != 0 || !anyPort)
                {
                    text.append('[').append(selector.ipProtocol()).append('/').append(selector.startPort())
                        .append('-').append(selector.endPort()).append(']');
                }
            }
        }
        return text.toString();
    }

    private static byte[] toBytes(final BigInteger value, final int length)
    {
        final byte[] raw = value.toByteArray();
        final byte[] bytes = new byte[length];
        final int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return bytes;
    }

    private static String address(final byte[] bytes)
    {
        try
        {
            return InetAddress.getByAddress(bytes).getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("an address of " + bytes.length + " bytes", ex);
        }
    }
}
