package io.torii.dataplane.spd;

import java.util.List;

/**
 * One side of a policy's selectors, flattened into one array of longs so that matching a packet reads
 * primitives in order, from as few cache lines as possible, and allocates nothing. Built once when
 * the policy is added. Per selector, {@value #STRIDE} longs: family (bits 0-7), protocol (8-15),
 * first port (16-31) and last port (32-47); then the first address's high and low 64 bits and the
 * last address's high and low 64 bits.
 */
final class SelectorSet
{
    private static final int STRIDE = 5;
    private static final int START_HIGH = 1;
    private static final int START_LOW = 2;
    private static final int END_HIGH = 3;
    private static final int END_LOW = 4;

    private final int count;
    private final long[] selectors;

    SelectorSet(final List<TrafficSelector> list)
    {
        count = list.size();
        selectors = new long[count * STRIDE];
        for (int i = 0; i < count; i++)
        {
            final TrafficSelector selector = list.get(i);
            if (selector.isDynamic())
            {
                throw new IllegalArgumentException("selector 'dynamic' must be resolved to the SA's address " +
                    "(SecurityPolicy.resolve) before the policy goes into a table");
            }
            final int base = i * STRIDE;
            selectors[base] = (selector.family() & 0xFFL) | (selector.protocol() & 0xFFL) << 8 |
                (selector.fromPort() & 0xFFFFL) << 16 | (selector.toPort() & 0xFFFFL) << 32;
            selectors[base + START_HIGH] = selector.startHigh();
            selectors[base + START_LOW] = selector.startLow();
            selectors[base + END_HIGH] = selector.endHigh();
            selectors[base + END_LOW] = selector.endLow();
        }
    }

    private static int familyOf(final long meta)
    {
        return (int)meta & 0xFF;
    }

    private static int protocolOf(final long meta)
    {
        return (int)(meta >>> 8) & 0xFF;
    }

    private static int fromPortOf(final long meta)
    {
        return (int)(meta >>> 16) & 0xFFFF;
    }

    private static int toPortOf(final long meta)
    {
        return (int)(meta >>> 32) & 0xFFFF;
    }

    /**
     * @return true when the set is one selector covering a single address: such policies are found
     *         through a hash on that address instead of a scan.
     */
    boolean isSingleAddress()
    {
        return count == 1 && selectors[START_HIGH] == selectors[END_HIGH] && selectors[START_LOW] == selectors[END_LOW];
    }

    /**
     * @return true when the set is one selector of any protocol and port covering a single address:
     *         matching it is comparing the address alone.
     */
    boolean isWholeSingleAddress()
    {
        return isSingleAddress() && isWholeRange();
    }

    /**
     * @return true when the set is one selector of any protocol and port: matching it is checking that
     *         the address is in its range.
     */
    boolean isWholeRange()
    {
        return count == 1 && protocolOf(selectors[0]) == TrafficSelector.ANY_PROTOCOL &&
            fromPortOf(selectors[0]) == TrafficSelector.MIN_PORT && toPortOf(selectors[0]) == TrafficSelector.MAX_PORT;
    }

    /** @return true when some selector names ports (or ICMP types) narrower than any. */
    boolean constrainsPorts()
    {
        for (int base = 0, end = count * STRIDE; base < end; base += STRIDE)
        {
            if (fromPortOf(selectors[base]) != TrafficSelector.MIN_PORT ||
                toPortOf(selectors[base]) != TrafficSelector.MAX_PORT)
            {
                return true;
            }
        }
        return false;
    }

    /** @return the family of selector {@code i}, 4 or 6. */
    int family(final int i)
    {
        return familyOf(selectors[i * STRIDE]);
    }

    /** @return the high 64 bits of the first address of selector {@code i}. */
    long startHigh(final int i)
    {
        return selectors[i * STRIDE + START_HIGH];
    }

    /** @return the low 64 bits of the first address of selector {@code i}. */
    long startLow(final int i)
    {
        return selectors[i * STRIDE + START_LOW];
    }

    /** @return the high 64 bits of the last address of selector {@code i}. */
    long endHigh(final int i)
    {
        return selectors[i * STRIDE + END_HIGH];
    }

    /** @return the low 64 bits of the last address of selector {@code i}. */
    long endLow(final int i)
    {
        return selectors[i * STRIDE + END_LOW];
    }

    /** @return the first selector's first word, loaded so that a later match finds it in cache. */
    long warm()
    {
        return selectors.length == 0 ? 0 : selectors[0];
    }

    /** @return the hash key of the single address; see {@link #key(int, long, long)}. */
    long singleAddressKey()
    {
        return key(familyOf(selectors[0]), selectors[START_HIGH], selectors[START_LOW]);
    }

    /**
     * @return a 64-bit key for an address; different addresses may share a key, so a hit is only a
     *         candidate that a full match confirms.
     */
    static long key(final int family, final long high, final long low)
    {
        return low ^ high * 0x9E37_79B9_7F4A_7C15L ^ family;
    }

    /**
     * @param family 4 or 6.
     * @param high the address's high 64 bits (0 for IPv4).
     * @param low its low 64 bits.
     * @param protocol the packet's next-layer protocol.
     * @param port this side's port, or ICMP type and code; ignored when not known.
     * @param portKnown false for OPAQUE: a later fragment or a protocol without ports.
     * @return true when some selector holds the address, protocol and port.
     */
    boolean matches(
        final int family, final long high, final long low, final int protocol, final int port, final boolean portKnown)
    {
        final long[] all = selectors;
        for (int base = 0, end = count * STRIDE; base < end; base += STRIDE)
        {
            final long meta = all[base];
            final int selectorProtocol = protocolOf(meta);
            if (familyOf(meta) != family ||
                (selectorProtocol != TrafficSelector.ANY_PROTOCOL && selectorProtocol != protocol) ||
                TrafficSelector.compare(all[base + START_HIGH], all[base + START_LOW], high, low) > 0 ||
                TrafficSelector.compare(high, low, all[base + END_HIGH], all[base + END_LOW]) > 0)
            {
                continue;
            }
            final int from = fromPortOf(meta);
            final int to = toPortOf(meta);
            if (from == TrafficSelector.MIN_PORT && to == TrafficSelector.MAX_PORT)
            {
                // ANY matches known ports and OPAQUE alike (RFC 4301 §4.4.1.1).
                return true;
            }
            if (from > to ? !portKnown : portKnown && port >= from && port <= to)
            {
                return true;
            }
        }
        return false;
    }
}
