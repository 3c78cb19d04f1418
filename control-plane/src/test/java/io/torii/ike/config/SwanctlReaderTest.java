package io.torii.ike.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.torii.dataplane.spd.TrafficSelector;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway's realistic configuration spread over a main file and an included one.
 */
class SwanctlReaderTest
{
    private static final String MAIN = """
        # Site-to-site gateway
        connections {
            site-a {
                version = 2
                local_addrs = 192.0.2.1
                remote_addrs = 198.51.100.7, vpn-b.example.net, 203.0.113.0/24, 10.9.0.1-10.9.0.9
                proposals = aes256gcm16-prfsha384-ecp384, aes128-sha256-modp2048
                dpd_delay = 30s
                rekey_time = 2h
                reauth_time = 1d
                unique = replace
                send_cert = always
                fragmentation = accept
                mobike = no
                keyingtries = 0
                dscp = 101110
                local {
                    auth = pubkey
                    certs = gw-a.pem
                    id = gw-a.example.net
                }
                remote-eap {
                    round = 2
                    auth = eap-tls:ecdsa-384-sha384
                    eap_id = %any
                }
                remote-cert {
                    round = 1
                    auth = rsa-2048-sha256
                    id = "C=CH, O=Example, CN=gw-b.example.net"
                    cacerts = ca.pem
                    revocation = strict
                    groups = admins, ops
                }
                children {
                    lan {
                        local_ts = 10.1.0.0/16, 2001:db8:1::/48
                        remote_ts = 10.2.0.0/16[tcp/http], 10.3.0.5-10.3.0.9[udp/1000-2000]
                        esp_proposals = aes256gcm16-ecp384
                        rekey_time = 30m
                        life_time = 40m
                        rekey_bytes = 512m
                        start_action = trap|start
                        close_action = trap
                        dpd_action = restart
                        replay_window = 1024
                        tfc_padding = mtu
                        copy_dscp = yes
                        inactivity = 5m
                    }
                }
            }
        }
        include conf.d/*.conf
        """;

    private static final String INCLUDED = """
        connections {
            roadwarrior {
                local_addrs = %any6
                pools = rw-pool
                local {
                    auth = psk
                }
                remote {
                    auth = psk
                    id = *@example.net
                }
                children {
                    rw {
                        local_ts = 0.0.0.0/0, ::/0
                        mode = transport
                        colour = blue
                    }
                }
            }
        }
        secrets {
            ike-rw {
                id = *@example.net
                secret = 0x000102030405060708090a0b0c0d0e0f
            }
        }
        pools {
            rw-pool {
                addrs = 10.8.0.0/24
                dns = 10.1.0.53, 10.1.0.54
            }
        }
        authorities {
            example-ca {
                cacert = ca.pem
                crl_uris = http://crl.example.net/ca.crl
                ocsp_uris = http://ocsp.example.net
            }
        }
        """;

    @TempDir
    private Path directory;

    private SwanctlLoad load;
    private Path main;
    private Path included;

    @BeforeEach
    void writeAndRead() throws IOException
    {
        main = directory.resolve("swanctl.conf");
        Files.writeString(main, MAIN);
        Files.createDirectory(directory.resolve("conf.d"));
        included = directory.resolve("conf.d").resolve("rw.conf");
        Files.writeString(included, INCLUDED);
        load = SwanctlReader.read(main);
    }

    @Test
    void connectionsComeInFileOrderAcrossIncludes()
    {
        assertThat(load.config().connections().keySet()).containsExactly("site-a", "roadwarrior");
        assertThat(load.config().connections().get("roadwarrior").location().file()).isEqualTo(included.toString());
    }

    @Test
    void connectionKeys() throws IOException
    {
        final IkeConnection site = load.config().connections().get("site-a");

        assertThat(site.version()).isEqualTo(2);
        assertThat(site.localAddrs()).containsExactly(new IkeAddress.Host(InetAddress.ofLiteral("192.0.2.1")));
        assertThat(site.remoteAddrs()).containsExactly(
            new IkeAddress.Host(InetAddress.ofLiteral("198.51.100.7")),
            new IkeAddress.DnsName("vpn-b.example.net"),
            new IkeAddress.Subnet(InetAddress.ofLiteral("203.0.113.0"), 24),
            new IkeAddress.Range(InetAddress.ofLiteral("10.9.0.1"), InetAddress.ofLiteral("10.9.0.9")));
        assertThat(site.proposals()).containsExactly("aes256gcm16-prfsha384-ecp384", "aes128-sha256-modp2048");
        assertThat(site.dpdDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(site.lifetime()).isEqualTo(new IkeLifetime(Duration.ofHours(2), Duration.ofDays(1),
            Duration.ofMinutes(144), Duration.ofHours(1)));
        assertThat(site.unique()).isEqualTo(UniquePolicy.REPLACE);
        assertThat(site.sendCert()).isEqualTo(SendCertPolicy.ALWAYS);
        assertThat(site.fragmentation()).isEqualTo(Fragmentation.ACCEPT);
        assertThat(site.mobike()).isFalse();
        assertThat(site.keyingtries()).isZero();
        assertThat(site.dscp()).isEqualTo(0b101110);
        assertThat(load.config().connections().get("roadwarrior").localAddrs()).containsExactly(new IkeAddress.Any(6));
    }

    @Test
    void roundsAreSortedByRoundNumber()
    {
        final IkeConnection site = load.config().connections().get("site-a");

        assertThat(site.localAuth()).singleElement().satisfies(round ->
        {
            assertThat(round.certs()).containsExactly("gw-a.pem");
            assertThat(round.id()).isEqualTo("gw-a.example.net");
        });
        assertThat(site.remoteAuth()).extracting(AuthRound::name).containsExactly("remote-cert", "remote-eap");
        final AuthRound cert = site.remoteAuth().get(0);
        assertThat(cert.auth()).isEqualTo(new AuthMethod(AuthMethod.AuthClass.PUBKEY, "rsa-2048-sha256", "",
            "rsa-2048-sha256"));
        assertThat(cert.id()).isEqualTo("C=CH, O=Example, CN=gw-b.example.net");
        assertThat(cert.cacerts()).containsExactly("ca.pem");
        assertThat(cert.revocation()).isEqualTo(RevocationPolicy.STRICT);
        assertThat(cert.groups()).containsExactly("admins", "ops");
        final AuthRound eap = site.remoteAuth().get(1);
        assertThat(eap.auth()).isEqualTo(new AuthMethod(AuthMethod.AuthClass.EAP, "eap-tls:ecdsa-384-sha384", "tls",
            "ecdsa-384-sha384"));
        assertThat(eap.eapId()).isEqualTo("%any");
    }

    @Test
    void childKeys()
    {
        final ChildConfig lan = load.config().connections().get("site-a").children().get("lan");

        assertThat(lan.localTs()).containsExactly(TrafficSelector.parse("10.1.0.0/16"),
            TrafficSelector.parse("2001:db8:1::/48"));
        assertThat(lan.remoteTs()).containsExactly(TrafficSelector.parse("10.2.0.0/16[tcp/80]"),
            TrafficSelector.parse("10.3.0.5-10.3.0.9[udp/1000-2000]"));
        assertThat(lan.espProposals()).containsExactly("aes256gcm16-ecp384");
        assertThat(lan.lifetime()).isEqualTo(new ChildLifetime(Duration.ofMinutes(30), Duration.ofMinutes(40),
            Duration.ofMinutes(10), 512L << 20, 590558003L, 590558003L - (512L << 20), 0, 0, 0));
        assertThat(lan.startAction()).isEqualTo(ChildAction.TRAP_AND_START);
        assertThat(lan.closeAction()).isEqualTo(ChildAction.TRAP);
        assertThat(lan.dpdAction()).isEqualTo(ChildAction.START);
        assertThat(lan.replayWindow()).isEqualTo(1024);
        assertThat(lan.tfcPadding()).isEqualTo(ChildConfig.TFC_PADDING_MTU);
        assertThat(lan.copyDscp()).isEqualTo(CopyDscp.YES);
        assertThat(lan.inactivity()).isEqualTo(Duration.ofMinutes(5));
        assertThat(load.config().connections().get("roadwarrior").children().get("rw").mode())
            .isEqualTo(ChildMode.TRANSPORT);
    }

    @Test
    void secretsAuthoritiesAndPoolsFromTheIncludedFile()
    {
        assertThat(load.config().sharedSecrets()).singleElement().satisfies(secret ->
        {
            assertThat(secret.type()).isEqualTo(SharedSecret.Type.IKE);
            assertThat(secret.ids()).containsExactly("*@example.net");
            assertThat(secret.secret().bytes()).hasSize(16).startsWith(0, 1, 2).endsWith(15);
        });
        final Authority ca = load.config().authorities().get("example-ca");
        assertThat(ca.cacert()).isEqualTo("ca.pem");
        assertThat(ca.crlUris()).containsExactly("http://crl.example.net/ca.crl");
        assertThat(ca.ocspUris()).containsExactly("http://ocsp.example.net");
        final AddressPool pool = load.config().pools().get("rw-pool");
        assertThat(pool.addrs()).isEqualTo("10.8.0.0/24");
        assertThat(pool.attributes()).containsEntry("dns", List.of("10.1.0.53", "10.1.0.54"));
    }

    @Test
    void warningsNameFileLineAndKey()
    {
        assertThat(load.warnings()).extracting(ConfigWarning::toString).containsExactly(
            included + ":4: pools: 'pools = rw-pool' asks for virtual IP pools, which Torii does not implement yet; " +
                "the setting has no effect",
            included + ":16: colour: unknown key in child 'rw' of connection 'roadwarrior'; swanctl.conf(5) " +
                "defines no such key here, so it has no effect",
            included + ":28: rw-pool: virtual IP pools are not implemented by Torii yet; the pool is read but " +
                "not used");
    }
}
