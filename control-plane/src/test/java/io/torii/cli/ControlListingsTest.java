package io.torii.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.torii.dataplane.sadb.Direction;
import io.torii.dataplane.sadb.IpsecProtocol;
import io.torii.dataplane.status.shm.CountersSnapshot;
import io.torii.ike.control.ChildSaInfo;
import io.torii.ike.control.ConnectionInfo;
import io.torii.ike.control.ControlRequest;
import io.torii.ike.control.IkeSaInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlListingsTest
{
    private static final ChildSaInfo CHILD = new ChildSaInfo("net", 3, "INSTALLED", "TUNNEL", "ESP", 0xc9d2a1f0L,
        0x0000b3e8L, "AES_GCM_16-256", true, List.of("10.1.0.0/24"), List.of("10.2.0.0/24", "10.3.0.0/16"));
    private static final IkeSaInfo SA = new IkeSaInfo("site", 1, "ESTABLISHED", "192.0.2.1", 4500,
        "gateway-a.example", "192.0.2.2", 4500, "gateway-b.example", "5a0c17e0e1f2d3c4", "9b8a7f6e5d4c3b2a", true,
        "AES_GCM_16-256/PRF_HMAC_SHA2_384/CURVE_25519", 12, true, List.of(CHILD));

    @Test
    void listSasReadsLikeSwanctlWithTheDataplanesTraffic()
    {
        final SaCounters counters = SaCounters.of(List.of(
            new CountersSnapshot.Sa(0, 0, "in", 0xc9d2a1f0, IpsecProtocol.ESP, Direction.INBOUND, 6, 504, 0),
            new CountersSnapshot.Sa(1, 0, "in", 0xc9d2a1f0, IpsecProtocol.ESP, Direction.INBOUND, 1, 84, 0),
            new CountersSnapshot.Sa(0, 1, "out", 0x0000b3e8, IpsecProtocol.ESP, Direction.OUTBOUND, 5, 420, 0),
            new CountersSnapshot.Sa(0, 2, "other", 0x0000b3e8, IpsecProtocol.ESP, Direction.INBOUND, 99, 9999, 0)));

        assertThat(SasListing.format(List.of(SA), counters)).isEqualTo("""
            site: #1, ESTABLISHED, IKEv2, 5a0c17e0e1f2d3c4_i* 9b8a7f6e5d4c3b2a_r
              local  'gateway-a.example' @ 192.0.2.1[4500]
              remote 'gateway-b.example' @ 192.0.2.2[4500]
              AES_GCM_16-256/PRF_HMAC_SHA2_384/CURVE_25519
              established 12s ago, NAT-T: UDP encapsulation
              net: #3, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-256
                in  c9d2a1f0,    588 bytes,     7 packets
                out 0000b3e8,    420 bytes,     5 packets
                local  10.1.0.0/24
                remote 10.2.0.0/24 10.3.0.0/16
            """);
    }

    @Test
    void aConnectingResponderSaShowsItsSideAndNoCounters(@TempDir final Path noDaemon)
    {
        final IkeSaInfo connecting = new IkeSaInfo("site", 7, "CONNECTING", "192.0.2.2", 500, "gateway-b.example",
            "192.0.2.1", 500, "%any", "00000000000000aa", "00000000000000bb", false, "", -1, false, List.of());

        assertThat(SasListing.format(List.of(connecting), SaCounters.read(noDaemon))).isEqualTo("""
            site: #7, CONNECTING, IKEv2, 00000000000000aa_i 00000000000000bb_r*
              local  'gateway-b.example' @ 192.0.2.2[500]
              remote '%any' @ 192.0.2.1[500]
            """);
        assertThat(SaCounters.read(noDaemon).traffic(Direction.INBOUND, 0xc9d2a1f0L)).isEmpty();
    }

    @Test
    void listConnsReadsLikeSwanctl()
    {
        final ConnectionInfo connection = new ConnectionInfo("site", List.of("192.0.2.1"), List.of("%any"), 500, 4501,
            List.of("aes256gcm16-prfsha384-x25519", "aes128-sha256-modp3072"), "psk", "gateway-a.example", "pubkey",
            "%any", List.of(new ConnectionInfo.Child("net", "TUNNEL", List.of("10.1.0.0/24"),
            List.of("10.2.0.0/24", "10.3.0.0/16"), List.of("aes256gcm16-esn"), "start")));

        assertThat(ConnectionsListing.format(List.of(connection))).isEqualTo("""
            site: IKEv2
              local:  192.0.2.1
              remote: %any [port 4501]
              proposals: aes256gcm16-prfsha384-x25519, aes128-sha256-modp3072
              local pre-shared key authentication:
                id: gateway-a.example
              remote public key authentication:
                id: %any
              net: TUNNEL, start_action: start
                local:  10.1.0.0/24
                remote: 10.2.0.0/24 10.3.0.0/16
                esp proposals: aes256gcm16-esn
            """);
    }

    @Test
    void recordsCarryTheListingsThroughTheProtocol()
    {
        assertThat(IkeSaInfo.fromRecords(SA.toRecords())).containsExactly(SA);
    }

    @Test
    void optionsAreCheckedBeforeTheDaemonIsAsked()
    {
        final ControlCall.Options options = ControlCall.parse(List.of("--child", "net", "--timeout", "2.5",
            "--run-dir", "/tmp/x"), true, true);
        assertThat(options).isEqualTo(new ControlCall.Options(Path.of("/tmp/x"), ControlRequest.Scope.CHILD, "net",
            2500, false));
        assertThatThrownBy(() -> ControlCall.parse(List.of("--ike", "a", "--child", "b"), true, false))
            .hasMessage("give one of --ike NAME and --child NAME");
        assertThatThrownBy(() -> ControlCall.parse(List.of(), true, true)).hasMessage("give --ike NAME or --child NAME");
        assertThatThrownBy(() -> ControlCall.parse(List.of("--timeout", "0"), true, true))
            .hasMessageContaining("--timeout '0'");
        assertThatThrownBy(() -> ControlCall.parse(List.of("--ike", "x"), false, false))
            .hasMessage("unknown argument '--ike'");
    }

    @Test
    void withoutADaemonEveryCommandSaysSoInOneLineAndFails(@TempDir final Path noDaemon)
    {
        for (final List<String> command : List.of(List.of("list-conns"), List.of("list-sas"), List.of("load-all"),
            List.of("initiate", "--child", "net"), List.of("terminate", "--ike", "site")))
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final List<String> args = new ArrayList<>(List.of("--run-dir", noDaemon.toString()));
            args.addAll(command);

            final int status = new ToriiMain().run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).as(command.toString()).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("torii " + command.getFirst() +
                ": no daemon runs with run directory " + noDaemon + " (no " + noDaemon.resolve("torii.ctl") + ")\n");
        }
    }
}
