package io.torii.dataplane.port.afxdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.port.afxdp.NeighbourTable.IpKey;
import io.torii.dataplane.testing.Packets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lock-free destination-to-MAC table the worker reads per packet.
 */
class NeighbourTableTest
{
    @Test
    void findsEveryEntryOfBothFamiliesAndNothingElse()
    {
        final Map<IpKey, Long> entries = new HashMap<>();
        for (int i = 0; i < 1000; i++)
        {
            entries.put(IpKey.ipv4(0xC6336400 + i), 0x020000000000L + i);
            entries.put(new IpKey(0x20010DB800000000L, i), 0x040000000000L + i);
        }

        final NeighbourTable table = new NeighbourTable(entries);

        assertThat(table.size()).isEqualTo(2000);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(table.lookup(0, NeighbourTable.ipv4Low(0xC6336400 + i))).isEqualTo(0x020000000000L + i);
            assertThat(table.lookup(0x20010DB800000000L, i)).isEqualTo(0x040000000000L + i);
        }
        assertThat(table.lookup(0, NeighbourTable.ipv4Low(0xC6336400 + 1000))).isEqualTo(NeighbourTable.MISSING);
        assertThat(table.lookup(0x20010DB800000001L, 0)).isEqualTo(NeighbourTable.MISSING);
        assertThat(NeighbourTable.EMPTY.lookup(0, 0)).isEqualTo(NeighbourTable.MISSING);
    }

    @Test
    void ipv4KeysAreTheIpv4MappedAddressesTheResolverMakes()
    {
        final int address = ByteBuffer.wrap(Packets.address("192.0.2.7").getAddress()).getInt();

        assertThat(NeighbourResolver.key(Packets.address("192.0.2.7"))).isEqualTo(IpKey.ipv4(address));
        assertThat(IpKey.ipv4(address)).isEqualTo(new IpKey(0, 0x0000FFFFC0000207L));
        assertThat(NeighbourResolver.key(Packets.address("2001:db8::7")))
            .isEqualTo(new IpKey(0x20010DB800000000L, 7));
    }

    @Test
    void macAddressesParseToTheirLow48Bits()
    {
        assertThat(NeighbourResolver.parseMac("02:1a:2b:3c:4d:5e")).isEqualTo(0x021A2B3C4D5EL);
        assertThat(NeighbourResolver.parseMac("ff:ff:ff:ff:ff:ff")).isEqualTo(0xFFFFFFFFFFFFL);
    }
}
