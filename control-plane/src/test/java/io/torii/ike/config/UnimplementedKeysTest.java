package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys that ask for what Torii does not implement load, with one warning at their line naming the key.
 */
class UnimplementedKeysTest
{
    private static final String FILE = "features.conf";

    /** Connection keys are on line 3. */
    private static String connection(final String line)
    {
        return "connections {\n  gw {\n" + line + "\n  }\n}\n";
    }

    /** Child keys are on line 4. */
    private static String child(final String line)
    {
        return "connections {\n  gw {\n  children { net {\n" + line + "\n  } }\n  }\n}\n";
    }

    /** Round keys are on line 4. */
    private static String round(final String line)
    {
        return "connections {\n  gw {\n  local {\n" + line + "\n  }\n  }\n}\n";
    }

    static Stream<Arguments> unimplemented()
    {
        return Stream.of(
            Arguments.of(connection("aggressive = yes"), 3, "aggressive", "IKEv1 aggressive mode"),
            Arguments.of(connection("pull = no"), 3, "pull", "configuration push mode"),
            Arguments.of(connection("vips = 0.0.0.0, ::"), 3, "vips", "virtual IPs"),
            Arguments.of(connection("pools = a, b"), 3, "pools", "virtual IP pools"),
            Arguments.of(connection("ppk_id = q"), 3, "ppk_id", "postquantum preshared keys"),
            Arguments.of(connection("ppk_required = yes"), 3, "ppk_required", "postquantum preshared keys"),
            Arguments.of(connection("if_id_in = 42"), 3, "if_id_in", "XFRM interface IDs"),
            Arguments.of(connection("mediation = yes"), 3, "mediation", "mediation extension"),
            Arguments.of(connection("mediated_by = m"), 3, "mediated_by", "mediation extension"),
            Arguments.of(connection("dpd_timeout = 60s"), 3, "dpd_timeout", "only applies to IKEv1"),
            Arguments.of(connection("fragmentation = force"), 3, "fragmentation", "force only changes IKEv1"),
            Arguments.of(connection("colour = blue"), 3, "colour", "unknown key in connection 'gw'"),
            Arguments.of(connection("extra { }"), 3, "extra", "unknown section in connection 'gw'"),
            Arguments.of(child("mode = beet"), 4, "mode", "beet mode"),
            Arguments.of(child("mode = transport_proxy"), 4, "mode", "transport_proxy mode"),
            Arguments.of(child("hw_offload = yes"), 4, "hw_offload", "hardware offload"),
            Arguments.of(child("updown = /usr/lib/ipsec/_updown iptables"), 4, "updown", "an updown script"),
            Arguments.of(child("ipcomp = yes"), 4, "ipcomp", "IPComp"),
            Arguments.of(child("mark_in = 42/0xff"), 4, "mark_in", "netfilter marks"),
            Arguments.of(child("set_mark_out = %same"), 4, "set_mark_out", "netfilter marks"),
            Arguments.of(child("if_id_out = %unique"), 4, "if_id_out", "XFRM interface IDs"),
            Arguments.of(child("label = system_u:object_r:ipsec_spd_t:s0"), 4, "label", "security labels"),
            Arguments.of(child("interface = eth0"), 4, "interface", "restricting policies to an interface"),
            Arguments.of(round("auth = xauth-pam"), 4, "auth", "XAuth"),
            Arguments.of(round("xauth_id = joe"), 4, "xauth_id", "XAuth"),
            Arguments.of(round("cert-token { handle = 0a }"), 4, "cert-token", "certificate sections"),
            Arguments.of("secrets {\n  xauth-joe {\n  secret = x\n  }\n}\n", 2, "xauth-joe", "XAuth"),
            Arguments.of("secrets {\n  hmac-1 {\n  secret = x\n  }\n}\n", 2, "hmac-1", "unknown section in secrets"),
            Arguments.of("charon {\n}\n", 1, "charon", "unknown section in swanctl.conf's top level"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("unimplemented")
    void warnedAtTheirLine(final String text, final int line, final String key, final String what)
    {
        final SwanctlLoad load = SwanctlReader.read(text, FILE);

        assertThat(load.warnings()).singleElement().satisfies(warning ->
        {
            assertThat(warning.location().file()).isEqualTo(FILE);
            assertThat(warning.location().line()).isEqualTo(line);
            assertThat(warning.key()).isEqualTo(key);
            assertThat(warning.message()).contains(what);
        });
    }
}
