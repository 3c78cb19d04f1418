package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.config.SettingsException;
import io.torii.dataplane.config.SettingsLocation;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad value is an error at its file and line that says what was expected.
 */
class SwanctlErrorTest
{
    private static final String FILE = "errors.conf";

    /** A connection opened on line 2; its keys start on line 3. */
    private static String connection(final String line)
    {
        return "connections {\n  gw {\n" + line + "\n  }\n}\n";
    }

    /** A child opened on line 3; its keys start on line 4. */
    private static String child(final String line)
    {
        return "connections {\n  gw {\n  children { net {\n" + line + "\n  } }\n  }\n}\n";
    }

    /** A round opened on line 3; its keys start on line 4. */
    private static String round(final String line)
    {
        return "connections {\n  gw {\n  remote {\n" + line + "\n  }\n  }\n}\n";
    }

    static Stream<Arguments> errors()
    {
        return Stream.of(
            Arguments.of(connection("version = 1"), 3, "version: IKEv1 is not supported by Torii; expected 2"),
            Arguments.of(connection("version = 3"), 3, "version: '3' is above 2"),
            Arguments.of(connection("rekey_time = soon"), 3, "rekey_time: expected a time: a number of seconds"),
            Arguments.of(connection("dpd_delay = 1w"), 3, "dpd_delay: expected a time"),
            Arguments.of(connection("local_port = 70000"), 3, "local_port: '70000' is above 65535"),
            Arguments.of(connection("remote_addrs = 10.0.0.0/33"), 3,
                "remote_addrs: expected a subnet as address/prefix with a prefix of 0-32 for IPv4"),
            Arguments.of(connection("remote_addrs = 10.0.0.9-10.0.0.1"), 3,
                "remote_addrs: expected a range from-to of one family"),
            Arguments.of(connection("local_addrs = not a host!"), 3, "local_addrs: expected an IPv4 or IPv6 " +
                "address, a subnet (address/prefix), a range (from-to), a DNS name or %any, found 'not a host!'"),
            Arguments.of(connection("vips = 0.0.0.0, somewhere"), 3,
                "vips: expected IPv4 or IPv6 addresses, found 'somewhere'"),
            Arguments.of(connection("mobike = perhaps"), 3, "mobike: expected yes or no"),
            Arguments.of(connection("fragmentation = maybe"), 3,
                "fragmentation: expected one of yes, accept, force, no, found 'maybe'"),
            Arguments.of(connection("unique = always"), 3, "unique: expected one of no, never, keep, replace"),
            Arguments.of(connection("send_cert = sometimes"), 3, "send_cert: expected one of ifasked, always, never"),
            Arguments.of(connection("childless = prefer"), 3, "childless: expected one of allow, force, never"),
            Arguments.of(connection("dscp = 2"), 3, "dscp: expected six binary digits"),
            Arguments.of(connection("keyingtries = -1"), 3, "keyingtries: expected a decimal number"),
            Arguments.of(connection("proposals = aes128,,aes256"), 3, "proposals: expected items separated by"),
            Arguments.of(child("mode = fast"), 4,
                "mode: expected one of tunnel, transport, transport_proxy, beet, pass, drop, found 'fast'"),
            Arguments.of(child("local_ts = 10.0.0.0/40"), 4, "local_ts: '10.0.0.0/40' is not a traffic selector"),
            Arguments.of(child("remote_ts = 10.0.0.0/8[nosuchproto]"), 4,
                "remote_ts: '10.0.0.0/8[nosuchproto]' is not a traffic selector"),
            Arguments.of(child("remote_ts = 10.0.0.0/8[tcp/nosuchservice]"), 4,
                "expected a subnet, a range from-to or 'dynamic', optionally followed by [protocol]"),
            // strongSwan takes a port with any protocol; the dataplane's selectors need a protocol with ports.
            Arguments.of(child("local_ts = 10.0.0.0/8[any/53]"), 4, "a port restriction needs a protocol with ports"),
            Arguments.of(child("rekey_bytes = lots"), 4, "rekey_bytes: expected a count"),
            Arguments.of(child("life_time = 1y"), 4, "life_time: expected a time"),
            Arguments.of(child("start_action = go"), 4, "start_action: expected none, trap, start or trap|start"),
            Arguments.of(child("hw_offload = maybe"), 4, "hw_offload: expected one of no, yes, auto"),
            Arguments.of(child("copy_dscp = both"), 4, "copy_dscp: expected one of no, in, out, yes"),
            Arguments.of(child("replay_window = many"), 4, "replay_window: expected a decimal number"),
            Arguments.of(child("tfc_padding = max"), 4, "tfc_padding: expected a decimal number"),
            Arguments.of(child("label_mode = strict"), 4, "label_mode: expected one of system, simple, selinux"),
            Arguments.of(round("auth = password"), 4, "auth: expected pubkey (or rsa, ecdsa, ike:... with " +
                "constraints), psk, eap[-method] or xauth[-backend], found 'password'"),
            Arguments.of(round("revocation = lax"), 4, "revocation: expected one of strict, ifuri, relaxed"),
            Arguments.of(round("round = first"), 4, "round: expected a decimal number"),
            Arguments.of("secrets {\n  ike-1 {\n    secret = 0x0g\n  }\n}\n", 3,
                "secret: expected an even number of hex digits after 0x"),
            Arguments.of("secrets {\n  eap-1 {\n    secret = 0s!!!\n  }\n}\n", 3,
                "secret: expected Base64 (RFC 4648 §4, with padding) after 0s"),
            Arguments.of("secrets {\n  ike-1 {\n    id = a\n  }\n}\n", 2,
                "secret 'ike-1' has no secret key; expected secret = the key"),
            Arguments.of("authorities {\n  ca {\n    crl_uris = http://x\n  }\n}\n", 2,
                "authority 'ca' needs exactly one of cacert, file or handle to name its certificate, found 0"),
            Arguments.of("base {\n}\nconnections {\n  gw : bass {\n  }\n}\n", 4,
                "section 'connections.gw' inherits from 'bass', which does not exist"),
            Arguments.of("connections {\n  gw : connections.gw {\n  }\n}\n", 2,
                "section 'connections.gw' inherits from 'connections.gw', which inherits from it in turn"),
            Arguments.of("connections {\n  gw {\n    allow_weak = maybe\n  }\n}\n", 3,
                "allow_weak: expected yes or no"));
    }

    @ParameterizedTest(name = "[{index}] line {1}: {2}")
    @MethodSource("errors")
    void badValuesNameFileLineAndExpectation(final String text, final int line, final String reason)
    {
        assertThatThrownBy(() -> SwanctlReader.read(text, FILE))
            .isInstanceOfSatisfying(SettingsException.class, ex ->
            {
                org.assertj.core.api.Assertions.assertThat(ex.location()).isEqualTo(new SettingsLocation(FILE, line));
                org.assertj.core.api.Assertions.assertThat(ex.getMessage())
                    .startsWith(FILE + ":" + line + ": ")
                    .contains(reason);
            });
    }

    @ParameterizedTest(name = "[{index}]")
    @MethodSource("errors")
    void secretsNeverAppearInMessages(final String text, final int line, final String reason)
    {
        // The bad secrets above are short; a message quoting them would contain the value after the prefix.
        assertThatThrownBy(() -> SwanctlReader.read(text, FILE))
            .satisfies(ex -> org.assertj.core.api.Assertions.assertThat(ex.getMessage())
                .doesNotContain("0x0g").doesNotContain("0s!!!"));
    }
}
