package io.torii.ike.dataplane;

import io.torii.ike.message.payload.TrafficSelector;
import io.torii.ike.sa.ChildSa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Child SA pairs for the installer's tests: tunnel mode, 10.1.0.0/24 === 10.2.0.0/24, keys of zeros. */
final class TestPairs
{
    private TestPairs()
    {
    }

    /**
     * @param inboundSpi the pair's inbound SPI; the outbound one is the next number.
     * @return the pair.
     */
    static ChildSa pair(final int inboundSpi)
    {
        final byte[] key = new byte[36];
        return new ChildSa("net", false, inboundSpi, inboundSpi + 1, 20, 256, 0, false, key, new byte[0], key,
            new byte[0], new InetSocketAddress(InetAddress.ofLiteral("192.0.2.1"), 4500),
            new InetSocketAddress(InetAddress.ofLiteral("192.0.2.2"), 4500), false, List.of(subnet(1)),
            List.of(subnet(2)), 32);
    }

    private static TrafficSelector subnet(final int third)
    {
        return new TrafficSelector(TrafficSelector.TS_IPV4_ADDR_RANGE, 0, 0, 0xFFFF, new byte[] {10, (byte)third, 0, 0},
            new byte[] {10, (byte)third, 0, (byte)255});
    }
}
