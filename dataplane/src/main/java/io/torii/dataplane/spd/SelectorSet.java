package io.torii.dataplane.spd;

import java.util.List;

/**
 * One side of a policy's selectors, flattened into parallel arrays so that matching a packet reads
 * primitives in order and allocates nothing. Built once when the policy is added.
 */
final class SelectorSet
{
    private final int count;
    private final int[] families;
    private final long[] startHighs;
    private final long[] startLows;
    private final long[] endHighs;
    private final long[] endLows;
    private final int[] protocols;
    private final int[] fromPorts;
    private final int[] toPorts;

    SelectorSet(final List<TrafficSelector> selectors)
    {
        count = selectors.size();
        families = new int[count];
        startHighs = new long[count];
        startLows = new long[count];
        endHighs = new long[count];
        endLows = new long[count];
        protocols = new int[count];
        fromPorts = new int[count];
        toPorts = new int[count];
        for (int i = 0; i < count; i++)
        {
            final TrafficSelector selector = selectors.get(i);
            if (selector.isDynamic())
            {
                throw new IllegalArgumentException("selector 'dynamic' must be resolved to the SA's address " +
                    "(SecurityPolicy.resolve) before the policy goes into a table");
            }
            families[i] = selector.family();
            startHighs[i] = selector.startHigh();
            startLows[i] = selector.startLow();
            endHighs[i] = selector.endHigh();
            endLows[i] = selector.endLow();
            protocols[i] = selector.protocol();
            fromPorts[i] = selector.fromPort();
            toPorts[i] = selector.toPort();
        }
    }

    /**
     * @return true when the set is one selector covering a single address: such policies are found
     *         through a hash on that address instead of a scan.
     */
    boolean isSingleAddress()
    {
        return count == 1 && startHighs[0] == endHighs[0] && startLows[0] == endLows[0];
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
        return count == 1 && protocols[0] == TrafficSelector.ANY_PROTOCOL &&
            fromPorts[0] == TrafficSelector.MIN_PORT && toPorts[0] == TrafficSelector.MAX_PORT;
    }

    /** @return the family of selector {@code i}, 4 or 6. */
    int family(final int i)
    {
        return families[i];
    }

    /** @return the high 64 bits of the first address of selector {@code i}. */
    long startHigh(final int i)
    {
        return startHighs[i];
    }

    /** @return the low 64 bits of the first address of selector {@code i}. */
    long startLow(final int i)
    {
        return startLows[i];
    }

    /** @return the high 64 bits of the last address of selector {@code i}. */
    long endHigh(final int i)
    {
        return endHighs[i];
    }

    /** @return the low 64 bits of the last address of selector {@code i}. */
    long endLow(final int i)
    {
        return endLows[i];
    }

    /** @return the hash key of the single address; see {@link #key(int, long, long)}. */
    long singleAddressKey()
    {
        return key(families[0], startHighs[0], startLows[0]);
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
        for (int i = 0; i < count; i++)
        {
            if (families[i] != family || (protocols[i] != TrafficSelector.ANY_PROTOCOL && protocols[i] != protocol) ||
                TrafficSelector.compare(startHighs[i], startLows[i], high, low) > 0 ||
                TrafficSelector.compare(high, low, endHighs[i], endLows[i]) > 0)
            {
                continue;
            }
            final int from = fromPorts[i];
            final int to = toPorts[i];
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
