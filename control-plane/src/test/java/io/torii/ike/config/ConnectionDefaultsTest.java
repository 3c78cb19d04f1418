package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.spd.TrafficSelector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection and a child that set nothing get strongSwan's documented defaults.
 */
class ConnectionDefaultsTest
{
    private static final SwanctlLoad LOAD = SwanctlReader.read(
        "connections {\n  bare {\n    children {\n      net {\n      }\n    }\n  }\n}\n", "bare.conf");

    @Test
    void connectionDefaults()
    {
        final IkeConnection connection = LOAD.config().connections().get("bare");

        assertThat(connection.version()).isZero();
        assertThat(connection.localAddrs()).containsExactly(new IkeAddress.Any(0));
        assertThat(connection.remoteAddrs()).containsExactly(new IkeAddress.Any(0));
        assertThat(connection.localPort()).isEqualTo(500);
        assertThat(connection.remotePort()).isEqualTo(500);
        assertThat(connection.proposals()).containsExactly("default");
        assertThat(connection.dscp()).isZero();
        assertThat(connection.encap()).isFalse();
        assertThat(connection.mobike()).isTrue();
        assertThat(connection.dpdDelay()).isEqualTo(Duration.ZERO);
        assertThat(connection.dpdTimeout()).isEqualTo(Duration.ZERO);
        assertThat(connection.fragmentation()).isEqualTo(Fragmentation.YES);
        assertThat(connection.childless()).isEqualTo(ChildlessMode.ALLOW);
        assertThat(connection.sendCertreq()).isTrue();
        assertThat(connection.sendCert()).isEqualTo(SendCertPolicy.IFASKED);
        assertThat(connection.keyingtries()).isEqualTo(1);
        assertThat(connection.unique()).isEqualTo(UniquePolicy.NO);
        assertThat(connection.lifetime()).isEqualTo(new IkeLifetime(Duration.ofHours(4), Duration.ZERO,
            Duration.ofMinutes(24), Duration.ofMinutes(24)));
    }

    @Test
    void oneDefaultRoundEachSide()
    {
        final IkeConnection connection = LOAD.config().connections().get("bare");

        assertThat(connection.localAuth()).singleElement().satisfies(round ->
        {
            assertThat(round.auth()).isEqualTo(AuthMethod.PUBKEY);
            assertThat(round.id()).isEmpty();
        });
        assertThat(connection.remoteAuth()).singleElement().satisfies(round ->
        {
            assertThat(round.auth().authClass()).isEqualTo(AuthMethod.AuthClass.PUBKEY);
            assertThat(round.id()).isEqualTo("%any");
            assertThat(round.revocation()).isEqualTo(RevocationPolicy.RELAXED);
        });
    }

    @Test
    void childDefaults()
    {
        final ChildConfig child = LOAD.config().connections().get("bare").children().get("net");
        final TrafficSelector dynamic = TrafficSelector.parse("dynamic");

        assertThat(child.localTs()).containsExactly(dynamic);
        assertThat(child.remoteTs()).containsExactly(dynamic);
        assertThat(child.espProposals()).containsExactly("default");
        assertThat(child.ahProposals()).isEmpty();
        assertThat(child.mode()).isEqualTo(ChildMode.TUNNEL);
        assertThat(child.policies()).isTrue();
        assertThat(child.policiesFwdOut()).isFalse();
        assertThat(child.lifetime()).isEqualTo(new ChildLifetime(Duration.ofHours(1), Duration.ofSeconds(3960),
            Duration.ofSeconds(360), 0, 0, 0, 0, 0, 0));
        assertThat(child.startAction()).isEqualTo(ChildAction.NONE);
        assertThat(child.closeAction()).isEqualTo(ChildAction.NONE);
        assertThat(child.dpdAction()).isEqualTo(ChildAction.NONE);
        assertThat(child.inactivity()).isEqualTo(Duration.ZERO);
        assertThat(child.reqid()).isZero();
        assertThat(child.priority()).isZero();
        assertThat(child.tfcPadding()).isZero();
        assertThat(child.replayWindow()).isEqualTo(32);
        assertThat(child.hwOffload()).isEqualTo(HwOffload.NO);
        assertThat(child.copyDf()).isTrue();
        assertThat(child.copyEcn()).isTrue();
        assertThat(child.copyDscp()).isEqualTo(CopyDscp.OUT);
        assertThat(child.sha256Truncated96()).isFalse();
    }

    @Test
    void nothingSetMeansNoWarnings()
    {
        assertThat(LOAD.warnings()).isEmpty();
    }

    @Test
    void ahProposalsAloneMeanNoEsp()
    {
        final SwanctlLoad load = SwanctlReader.read("connections { c { children { ah {\n" +
            "ah_proposals = sha256, sha384\n} } } }\n", "ah.conf");

        final ChildConfig child = load.config().connections().get("c").children().get("ah");
        assertThat(child.ahProposals()).isEqualTo(List.of("sha256", "sha384"));
        assertThat(child.espProposals()).isEmpty();
    }

    @Test
    void childLifeFollowsAnExplicitRekey()
    {
        final SwanctlLoad load = SwanctlReader.read("connections { c { children { net {\n" +
            "rekey_time = 10m\nrekey_bytes = 1g\nlife_packets = 2k\nrekey_packets = 1k\n} } } }\n", "life.conf");

        final ChildLifetime lifetime = load.config().connections().get("c").children().get("net").lifetime();
        assertThat(lifetime).isEqualTo(new ChildLifetime(Duration.ofSeconds(600), Duration.ofSeconds(660),
            Duration.ofSeconds(60), 1L << 30, 1181116006L, 1181116006L - (1L << 30), 1024, 2048, 1024));
    }
}
