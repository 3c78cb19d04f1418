package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.config.SettingsLocation;
import io.torii.dataplane.config.SettingsValue;
import io.torii.dataplane.spd.TrafficSelector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Traffic selectors as swanctl writes them, with names from protocol and service tables in the
 * format of /etc/protocols and /etc/services.
 */
class SelectorTextTest
{
    @TempDir
    private static Path directory;

    private static NetworkNames names;

    @BeforeAll
    static void writeTables() throws IOException
    {
        final Path protocols = directory.resolve("protocols");
        Files.writeString(protocols, """
            # name number aliases
            icmp	1	ICMP		# internet control message protocol
            tcp	6	TCP
            udp	17	UDP
            gre	47	GRE
            ipv6-icmp	58	IPv6-ICMP
            """);
        final Path services = directory.resolve("services");
        Files.writeString(services, """
            domain		53/tcp				# Domain Name Server
            domain		53/udp
            http		80/tcp		www		# WorldWideWeb HTTP
            https		443/tcp
            ms-sql-s	1433/tcp
            isakmp		500/udp
            """);
        names = new NetworkNames(protocols, services);
    }

    private static TrafficSelector selector(final String text)
    {
        return SelectorText.selectors(new SettingsValue("local_ts", text, new SettingsLocation("ts.conf", 1)), names)
            .getFirst();
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8[tcp/http]         | 10.0.0.0/8[tcp/80]",
        "10.0.0.0/8[TCP/www]          | 10.0.0.0/8[tcp/80]",
        "10.0.0.0/8[tcp/ms-sql-s]     | 10.0.0.0/8[tcp/1433]",
        "dynamic[udp/isakmp]          | dynamic[udp/500]",
        "dynamic[udp/1000-2000]       | dynamic[udp/1000-2000]",
        "10.0.0.0/8[icmp/8]           | 10.0.0.0/8[icmp/8]",
        "2001:db8::/32[ipv6-icmp]     | 2001:db8::/32[ipv6-icmp]",
        "10.0.0.0/8[gre]              | 10.0.0.0/8[gre]",
        "10.0.0.0/8[47]               | 10.0.0.0/8[gre]",
        "10.1.0.1-10.1.0.9[udp/domain] | 10.1.0.1-10.1.0.9[udp/53]",
        "10.0.0.0/8[udp/opaque]       | 10.0.0.0/8[udp/opaque]",
        "10.0.0.0/8[tcp/any]          | 10.0.0.0/8[tcp]",
        "10.1.2.3/16                  | 10.1.0.0/16",
        "192.0.2.7                    | 192.0.2.7",
        "dynamic                      | dynamic",
    })
    void namesAreLookedUpAndTheRestIsTheDataplanesSyntax(final String text, final String expected)
    {
        assertThat(selector(text)).hasToString(expected);
    }

    @Test
    void aListKeepsItsOrder()
    {
        final SettingsValue value = new SettingsValue("remote_ts", "10.2.0.0/16[tcp/https], dynamic, ::/0",
            new SettingsLocation("ts.conf", 1));

        assertThat(SelectorText.selectors(value, names)).extracting(TrafficSelector::toString)
            .containsExactly("10.2.0.0/16[tcp/443]", "dynamic", "::/0");
    }

    @Test
    void numberedRewritesOnlyNames()
    {
        assertThat(SelectorText.numbered("10.0.0.0/8[tcp/http]", names)).isEqualTo("10.0.0.0/8[6/80]");
        assertThat(SelectorText.numbered("10.0.0.0/8[esp]", names)).isEqualTo("10.0.0.0/8[esp]");
        assertThat(SelectorText.numbered("10.0.0.0/8", names)).isEqualTo("10.0.0.0/8");
    }

    @Test
    void theHostsTablesKnowTheCommonNames()
    {
        final NetworkNames system = NetworkNames.system();

        assertThat(system.protocol("tcp")).isEqualTo(6);
        assertThat(system.service("https")).isEqualTo(443);
    }

    @Test
    void missingTablesLeaveOnlyNumbers()
    {
        final NetworkNames none = new NetworkNames(directory.resolve("absent1"), directory.resolve("absent2"));

        assertThat(none.protocol("tcp")).isEqualTo(-1);
        assertThat(none.service("http")).isEqualTo(-1);
    }
}
