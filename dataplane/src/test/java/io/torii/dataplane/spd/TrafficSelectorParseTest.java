package io.torii.dataplane.spd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficSelectorParseTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // text | family | start | end | proto | from | to | canonical
        "10.1.0.0/24 | 4 | 10.1.0.0 | 10.1.0.255 | 0 | 0 | 65535 | 10.1.0.0/24",
        "10.1.0.5 | 4 | 10.1.0.5 | 10.1.0.5 | 0 | 0 | 65535 | 10.1.0.5",
        "10.1.0.5/32 | 4 | 10.1.0.5 | 10.1.0.5 | 0 | 0 | 65535 | 10.1.0.5",
        "10.1.0.1-10.1.0.9 | 4 | 10.1.0.1 | 10.1.0.9 | 0 | 0 | 65535 | 10.1.0.1-10.1.0.9",
        "10.1.0.0-10.1.0.255 | 4 | 10.1.0.0 | 10.1.0.255 | 0 | 0 | 65535 | 10.1.0.0/24",
        "10.1.0.77/24 | 4 | 10.1.0.0 | 10.1.0.255 | 0 | 0 | 65535 | 10.1.0.0/24",
        "0.0.0.0/0 | 4 | 0.0.0.0 | 255.255.255.255 | 0 | 0 | 65535 | 0.0.0.0/0",
        "255.255.255.255 | 4 | 255.255.255.255 | 255.255.255.255 | 0 | 0 | 65535 | 255.255.255.255",
        "2001:db8::/64 | 6 | 2001:db8:: | 2001:db8::ffff:ffff:ffff:ffff | 0 | 0 | 65535 | 2001:db8::/64",
        "2001:db8::/32 | 6 | 2001:db8:: | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | 0 | 0 | 65535 | 2001:db8::/32",
        "2001:db8:0:0:8000::/65 | 6 | 2001:db8::8000:0:0:0 | 2001:db8::ffff:ffff:ffff:ffff | 0 | 0 | 65535 | " +
            "2001:db8:0:0:8000::/65",
        "::/0 | 6 | :: | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 0 | 0 | 65535 | ::/0",
        "2001:db8::1 | 6 | 2001:db8::1 | 2001:db8::1 | 0 | 0 | 65535 | 2001:db8::1",
        "2001:DB8::1/128 | 6 | 2001:db8::1 | 2001:db8::1 | 0 | 0 | 65535 | 2001:db8::1",
        "2001:db8::1-2001:db8::1:0 | 6 | 2001:db8::1 | 2001:db8::1:0 | 0 | 0 | 65535 | 2001:db8::1-2001:db8::1:0",
        "64:ff9b::192.0.2.0/120 | 6 | 64:ff9b::c000:200 | 64:ff9b::c000:2ff | 0 | 0 | 65535 | 64:ff9b::c000:200/120",
        "1:2:3:4:5:6:7:8 | 6 | 1:2:3:4:5:6:7:8 | 1:2:3:4:5:6:7:8 | 0 | 0 | 65535 | 1:2:3:4:5:6:7:8",
        "10.0.0.0/8[tcp/443] | 4 | 10.0.0.0 | 10.255.255.255 | 6 | 443 | 443 | 10.0.0.0/8[tcp/443]",
        "10.0.0.0/8[udp] | 4 | 10.0.0.0 | 10.255.255.255 | 17 | 0 | 65535 | 10.0.0.0/8[udp]",
        "10.0.0.0/8[icmp] | 4 | 10.0.0.0 | 10.255.255.255 | 1 | 0 | 65535 | 10.0.0.0/8[icmp]",
        "10.0.0.0/8[tcp/1000-2000] | 4 | 10.0.0.0 | 10.255.255.255 | 6 | 1000 | 2000 | 10.0.0.0/8[tcp/1000-2000]",
        "10.0.0.0/8[TCP/any] | 4 | 10.0.0.0 | 10.255.255.255 | 6 | 0 | 65535 | 10.0.0.0/8[tcp]",
        "10.0.0.0/8[17/53] | 4 | 10.0.0.0 | 10.255.255.255 | 17 | 53 | 53 | 10.0.0.0/8[udp/53]",
        "10.0.0.0/8[any] | 4 | 10.0.0.0 | 10.255.255.255 | 0 | 0 | 65535 | 10.0.0.0/8",
        "10.0.0.0/8[udp/opaque] | 4 | 10.0.0.0 | 10.255.255.255 | 17 | 65535 | 0 | 10.0.0.0/8[udp/opaque]",
        "10.0.0.0/8[gre] | 4 | 10.0.0.0 | 10.255.255.255 | 47 | 0 | 65535 | 10.0.0.0/8[gre]",
        "10.0.0.0/8[200] | 4 | 10.0.0.0 | 10.255.255.255 | 200 | 0 | 65535 | 10.0.0.0/8[200]",
        "10.0.0.0/8[icmp/2048-2303] | 4 | 10.0.0.0 | 10.255.255.255 | 1 | 2048 | 2303 | 10.0.0.0/8[icmp/2048-2303]",
        "::/0[ipv6-icmp/34560] | 6 | :: | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 58 | 34560 | 34560 | " +
            "::/0[ipv6-icmp/34560]",
        "::/0[icmpv6] | 6 | :: | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | 58 | 0 | 65535 | ::/0[ipv6-icmp]",
        "192.0.2.1[sctp/0-65535] | 4 | 192.0.2.1 | 192.0.2.1 | 132 | 0 | 65535 | 192.0.2.1[sctp]",
    })
    void parsesGoodSelectors(
        final String text,
        final int family,
        final String start,
        final String end,
        final int protocol,
        final int fromPort,
        final int toPort,
        final String canonical) throws Exception
    {
        final TrafficSelector selector = TrafficSelector.parse(text);

        assertThat(selector.isDynamic()).isFalse();
        assertThat(selector.family()).isEqualTo(family);
        assertThat(selector.start()).isEqualTo(InetAddress.getByName(start));
        assertThat(selector.end()).isEqualTo(InetAddress.getByName(end));
        assertThat(selector.protocol()).isEqualTo(protocol);
        assertThat(selector.fromPort()).isEqualTo(fromPort);
        assertThat(selector.toPort()).isEqualTo(toPort);
        assertThat(selector.toString()).isEqualTo(canonical);
        assertThat(TrafficSelector.parse(selector.toString())).isEqualTo(selector).hasSameHashCodeAs(selector);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dynamic          | 0  | 0     | 65535 | dynamic",
        "dynamic[tcp/22]  | 6  | 22    | 22    | dynamic[tcp/22]",
        "dynamic[udp]     | 17 | 0     | 65535 | dynamic[udp]",
    })
    void parsesDynamic(final String text, final int protocol, final int fromPort, final int toPort,
        final String canonical) throws Exception
    {
        final TrafficSelector selector = TrafficSelector.parse(text);

        assertThat(selector.isDynamic()).isTrue();
        assertThat(selector.family()).isEqualTo(TrafficSelector.DYNAMIC);
        assertThat(selector.protocol()).isEqualTo(protocol);
        assertThat(selector.fromPort()).isEqualTo(fromPort);
        assertThat(selector.toPort()).isEqualTo(toPort);
        assertThat(selector.toString()).isEqualTo(canonical);
        assertThat(selector.contains(InetAddress.getByName("10.0.0.1"))).isFalse();

        final TrafficSelector v4 = selector.resolve(InetAddress.getByName("192.0.2.7"));
        assertThat(v4.family()).isEqualTo(4);
        assertThat(v4.start()).isEqualTo(InetAddress.getByName("192.0.2.7"));
        assertThat(v4.end()).isEqualTo(InetAddress.getByName("192.0.2.7"));
        assertThat(v4.protocol()).isEqualTo(protocol);
        assertThat(v4.fromPort()).isEqualTo(fromPort);
        final TrafficSelector v6 = selector.resolve(InetAddress.getByName("2001:db8::7"));
        assertThat(v6.family()).isEqualTo(6);
        assertThat(v6.contains(InetAddress.getByName("2001:db8::7"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db8::8"))).isFalse();
    }

    @Test
    void resolvingAConcreteSelectorKeepsIt() throws Exception
    {
        final TrafficSelector selector = TrafficSelector.parse("10.0.0.0/8");

        assertThat(selector.resolve(InetAddress.getByName("192.0.2.1"))).isSameAs(selector);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                        | an address, subnet, range or 'dynamic'",
        "[tcp]                       | an address, subnet, range or 'dynamic'",
        "10.0.0.0/33                 | a prefix length 0-32",
        "2001:db8::/129              | a prefix length 0-128",
        "10.0.0.0/                   | a prefix length 0-32",
        "10.0.0.0/-1                 | either a subnet",
        "10.0.0.0/8 [tcp]            | a prefix length 0-32",
        "10.0.0.0/8/8                | a prefix length 0-32",
        "10.0.0                      | expected an IPv4 address",
        "10.0.0.256                  | expected an IPv4 address",
        "010.0.0.1                   | no leading zeros",
        "10.0.0.1.                   | expected an IPv4 address",
        "gw.example.org              | host names are not accepted",
        "%any                        | host names are not accepted",
        "2001:db8::1::2              | '::' appears twice",
        "2001:db8:1                  | expected an IPv6 address",
        "1:2:3:4:5:6:7:8:9           | expected an IPv6 address",
        "1:2:3:4::5:6:7:8            | expected an IPv6 address",
        "2001:db8::g                 | expected an IPv6 address",
        "2001:db8::12345             | expected an IPv6 address",
        "fe80::1%eth0                | zone IDs",
        "10.0.0.9-10.0.0.1           | first address is not after its last",
        "10.0.0.1-2001:db8::1        | same family",
        "10.0.0.0/8-10.0.0.9         | either a subnet",
        "10.0.0.0/8[tcp              | one pair of brackets at the end",
        "10.0.0.0/8[tcp]x            | one pair of brackets at the end",
        "10.0.0.0/8[[tcp]            | one pair of brackets at the end",
        "10.0.0.0/8[foo]             | a protocol number 0-255, 'any' or one of",
        "10.0.0.0/8[256]             | a protocol number 0-255",
        "10.0.0.0/8[]                | a protocol number 0-255",
        "10.0.0.0/8[/80]             | a protocol number 0-255",
        "10.0.0.0/8[tcp/70000]       | a port 0-65535",
        "10.0.0.0/8[tcp/http]        | a port 0-65535",
        "10.0.0.0/8[tcp/]            | a port 0-65535",
        "10.0.0.0/8[tcp/80-]         | a port 0-65535",
        "10.0.0.0/8[tcp/2000-1000]   | a port range from low to high",
        "10.0.0.0/8[any/80]          | needs a protocol with ports",
        "10.0.0.0/8[gre/1]           | needs a protocol with ports",
        "10.0.0.0/8[esp/opaque]      | needs a protocol with ports",
        "dynamic/24                  | expected an IPv4 address",
    })
    void rejectsBadSelectors(final String text, final String expected)
    {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TrafficSelector.parse(text))
            .withMessageContaining("traffic selector '" + text + "'")
            .withMessageContaining(expected);
    }

    @Test
    void parsesLists() throws Exception
    {
        final List<TrafficSelector> selectors =
            TrafficSelector.parseList(" 10.1.0.0/16 ,2001:db8::/48[tcp/443],dynamic[udp/500] ");

        assertThat(selectors).containsExactly(
            TrafficSelector.ofSubnet(InetAddress.getByName("10.1.0.0"), 16, 0, 0, 65535),
            TrafficSelector.ofSubnet(InetAddress.getByName("2001:db8::"), 48, 6, 443, 443),
            TrafficSelector.dynamic(17, 500, 500));
        assertThat(TrafficSelector.parseList("0.0.0.0/0")).hasSize(1);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"                       | empty entry",
        "\" \"                      | empty entry",
        "10.0.0.0/8,                | empty entry",
        ",10.0.0.0/8                | empty entry",
        "10.0.0.0/8,,10.1.0.0/16    | empty entry",
        "10.0.0.0/8, 10.1.0.0/99    | traffic selector '10.1.0.0/99'",
    })
    void rejectsBadLists(final String text, final String expected)
    {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TrafficSelector.parseList(text))
            .withMessageContaining(expected);
    }

    @Test
    void programmaticSelectorsAreValidated() throws Exception
    {
        final InetAddress v4 = InetAddress.getByName("10.0.0.1");
        final InetAddress v6 = InetAddress.getByName("2001:db8::1");

        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.ofRange(v4, v6, 0, 0, 65535))
            .withMessageContaining("mixes IPv4 and IPv6");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> TrafficSelector.ofRange(InetAddress.getByName("10.0.0.2"), v4, 0, 0, 65535))
            .withMessageContaining("starts after it ends");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.ofSubnet(v4, 33, 0, 0, 65535))
            .withMessageContaining("prefix length must be 0 to 32");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.ofSubnet(v6, 129, 0, 0, 65535))
            .withMessageContaining("prefix length must be 0 to 128");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.dynamic(256, 0, 65535))
            .withMessageContaining("protocol must be 0 (any) to 255");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.dynamic(6, 0, 65536))
            .withMessageContaining("ports must be 0 to 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> TrafficSelector.dynamic(6, 10, 9))
            .withMessageContaining("runs backwards");
        assertThat(TrafficSelector.dynamic(6, 65535, 0).isOpaquePort()).isTrue();
        assertThat(TrafficSelector.dynamic(6, 0, 65535).isAnyPort()).isTrue();
    }

    @Test
    void equalityCoversEveryField() throws Exception
    {
        final TrafficSelector base = TrafficSelector.parse("10.0.0.0/24[tcp/80]");

        assertThat(base).isEqualTo(TrafficSelector.parse("10.0.0.0-10.0.0.255[6/80-80]"));
        assertThat(base).isNotEqualTo(TrafficSelector.parse("10.0.0.0/25[tcp/80]"));
        assertThat(base).isNotEqualTo(TrafficSelector.parse("10.0.0.1-10.0.0.255[tcp/80]"));
        assertThat(base).isNotEqualTo(TrafficSelector.parse("10.0.0.0/24[udp/80]"));
        assertThat(base).isNotEqualTo(TrafficSelector.parse("10.0.0.0/24[tcp/80-81]"));
        assertThat(base).isNotEqualTo(TrafficSelector.parse("10.0.0.0/24[tcp/79-80]"));
        assertThat(TrafficSelector.parse("::/96")).isNotEqualTo(TrafficSelector.parse("0.0.0.0/0"));
    }
}
