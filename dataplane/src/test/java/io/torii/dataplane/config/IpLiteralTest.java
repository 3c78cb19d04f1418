package io.torii.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLiteralTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "192.0.2.1, c0000201",
        "0.0.0.0, 00000000",
        "255.255.255.255, ffffffff",
        "10.0.0.10, 0a00000a" })
    void parsesIpv4(final String text, final String hex)
    {
        final InetAddress address = IpLiteral.parse(text);

        assertThat(address).isInstanceOf(Inet4Address.class);
        assertThat(address.getAddress()).isEqualTo(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2001:db8::1, 20010db8000000000000000000000001",
        "::, 00000000000000000000000000000000",
        "::1, 00000000000000000000000000000001",
        "1::, 00010000000000000000000000000000",
        "1:2:3:4:5:6:7:8, 00010002000300040005000600070008",
        "1:2:3:4:5:6:7::, 00010002000300040005000600070000",
        "::2:3:4:5:6:7:8, 00000002000300040005000600070008",
        "FE80::A:bC, fe8000000000000000000000000a00bc",
        "64:ff9b::192.0.2.1, 0064ff9b0000000000000000c0000201",
        "1:2:3:4:5:6:192.0.2.1, 000100020003000400050006c0000201" })
    void parsesIpv6(final String text, final String hex)
    {
        final InetAddress address = IpLiteral.parse(text);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(address.getAddress()).isEqualTo(HexFormat.of().parseHex(hex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "gw.example.org          | host names are not accepted",
        "localhost               | host names are not accepted",
        "0x01020304              | host names are not accepted",
        "\"\"                      | host names are not accepted",
        "192.0.2                 | not a valid IPv4 address",
        "192.0.2.256             | not a valid IPv4 address",
        "192.0.2.01              | not a valid IPv4 address",
        "1.2.3.4.5               | not a valid IPv4 address",
        "1..2.3                  | not a valid IPv4 address",
        "2001:db8::1%eth0        | zone IDs",
        "1:2:3:4:5:6:7:8:9       | not a valid IPv6 address",
        "1:2:3:4:5:6:7           | not a valid IPv6 address",
        "1::2::3                 | '::' may appear only once",
        ":::                     | '::' may appear only once",
        "12345::                 | not a valid IPv6 address",
        "::g                     | not hexadecimal",
        ":1:2:3:4:5:6:7          | not a valid IPv6 address",
        "1:2:3:4:5:6:7:8:        | not a valid IPv6 address",
        "1:2:3:4:5:6:7:8::       | not a valid IPv6 address",
        "1.2.3.4::               | not a valid IPv6 address",
        "1:2:3:4:5:6:7:1.2.3.4   | bad IPv4 tail",
        "::1.2.3                 | bad IPv4 tail",
        "192.0.2.1:500           | not a valid IPv6 address",
        "::ffff:192.0.2.1        | IPv4-mapped" })
    void refusesAnythingButALiteral(final String text, final String fragment)
    {
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiteral.parse(text)).withMessageContaining(fragment);
    }
}
